"""Stage 2: numbered lines become a report's layout (layout.py), built once: prose, table rows, sections, tables."""

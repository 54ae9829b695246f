"""Rendering: YAML records → site pages and charts."""

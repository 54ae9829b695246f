"""Stage 5: YAML records → Markdown pages, data files and charts for the static site."""

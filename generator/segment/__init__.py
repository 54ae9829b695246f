"""Stage 2: numbered lines become prose passages, table rows and titled sections."""

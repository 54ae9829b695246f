"""Stage 7: the open-data downloads of a build: a SQLite database and a Frictionless Data Package."""

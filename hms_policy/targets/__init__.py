"""Finding files, classifying them and parsing each one once."""

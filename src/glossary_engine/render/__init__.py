"""Stage three: every generated page and file, as HTML and text, from the model."""

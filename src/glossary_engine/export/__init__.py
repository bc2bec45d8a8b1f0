"""Stage four: the glossary as data for other tools (JSON, SKOS, CSV) and the editors' JSON Schema."""

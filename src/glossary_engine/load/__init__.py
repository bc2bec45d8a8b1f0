"""Stage one: read glossary.yaml and check it (the YAML reader, the field specs, the checks, the cache)."""

"""Stage two: the validated glossary as immutable records, and what is derived from them once per build."""

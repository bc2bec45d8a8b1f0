"""A learning path as flashcards: a tab-separated file that Anki imports (File → Import).

One card per step, in path order: the term's title on the front, its one-line definition on the back.
The header lines are Anki's (2.1.55 and later): tab separator, plain text (not HTML), column names.
Fields go through the csv module, so a field with a quote is quoted as Anki's importer expects.
"""

from __future__ import annotations

import csv
import io

from ..model.index import GlossaryIndex

HEADER = "#separator:tab\n#html:false\n#columns:Front\tBack\n"


def flashcards(index: GlossaryIndex, path_id: str) -> str:
    """The deck of a learning path."""
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for slug in index.paths[path_id].steps:
        term = index.terms[slug]
        writer.writerow((term.title, term.short))
    return out.getvalue()

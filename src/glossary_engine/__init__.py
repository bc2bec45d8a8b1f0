"""The glossary engine: glossary.yaml → validated model → pages and exports. It never imports MkDocs.

The packages follow the flow: ``load`` (read and check the file), ``model`` (the records and what
is derived from them), ``render`` (pages and files), ``export`` (data for other tools), and ``cli``
(the ``glossary`` command). ``urls`` is the one place that knows where everything lives.
"""

from __future__ import annotations

from .load.loader import load_glossary, parse_glossary
from .load.problems import GlossaryError, Problem
from .model.index import GlossaryIndex
from .model.records import Citation, Cluster, Contrast, Glossary, LearningPath, Question, Term
from .render.macros import GlossaryMacros, UnknownName
from .render.nav import expand_nav, in_nav_only_by_index
from .render.site import generated_pages

__all__ = [
    "Citation",
    "Cluster",
    "Contrast",
    "Glossary",
    "GlossaryError",
    "GlossaryIndex",
    "GlossaryMacros",
    "LearningPath",
    "Problem",
    "Question",
    "Term",
    "UnknownName",
    "expand_nav",
    "generated_pages",
    "in_nav_only_by_index",
    "load_glossary",
    "parse_glossary",
]

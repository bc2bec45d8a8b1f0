"""The page chrome as Jinja templates a site owner can replace, as Material's partials are replaced.

The engine ships ``templates/glossary/*.html`` (cards, crumbs, the facts line, "Where it fits",
backlinks, further reading). A file of the same name in the site's ``overrides/glossary/`` folder
wins. Autoescaping is on, so text from the glossary is escaped unless it is ``Markup`` already;
the ``tooltip`` filter makes a ``title`` attribute safe for Material's tooltips, which read it as
HTML. On a term page a ``hover`` value is a slot filled in after rendering (``hover.py``): it belongs
in a ``title`` attribute only. Templates receive plain data; what must be fast or safe (prose,
sanitising, SVG) stays in Python.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from ..load.plaintext import tooltip
from .session import ENGINE_BYTECODE

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: datetime.date) -> str:
    """A date as readers write it: 2 December 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class Templates:
    """The chrome templates of one build: the site's overrides first, then the engine's own."""

    def __init__(self, overrides: str | Path | None = None) -> None:
        loaders: list[Any] = []
        if overrides is not None:
            loaders.append(FileSystemLoader(str(overrides)))
        loaders.append(PackageLoader("glossary_engine", "render/templates"))
        self.environment = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
            auto_reload=False,
            bytecode_cache=ENGINE_BYTECODE,  # a rebuild in the same process compiles nothing again
        )
        self.environment.filters["tooltip"] = tooltip
        self.environment.filters["long_date"] = long_date

    def render(self, name: str, **data: Any) -> str:
        """``glossary/<name>.html`` rendered with ``data``: HTML, as a plain string like every other
        piece of page HTML the engine joins (a ``Markup`` would escape what is added to it)."""
        return self.environment.get_template(f"glossary/{name}.html").render(**data)


BUILT_IN = Templates()
"""The engine's own templates, for renders outside a site build (tests, the CLI)."""

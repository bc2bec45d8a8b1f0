"""``python -m glossary_engine.cli``: the ``glossary`` command."""

from __future__ import annotations

import sys

from .main import main

sys.exit(main())

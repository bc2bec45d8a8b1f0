"""The ``glossary`` command and the small tools the Makefile calls."""

from __future__ import annotations

from .main import build_parser, main

__all__ = ["build_parser", "main"]

"""The ``export`` and ``validate`` commands' parsers (issue 7). Only argparse at import time:
``treaty-kg --help`` must not load pyshacl or rdflib."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the ``treaty-kg`` parser."""

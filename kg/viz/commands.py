"""The ``viz``, ``stats`` and ``figure`` commands' parsers (issue 6). Only argparse at import time:
``treaty-kg --help`` must not load networkx, pyvis or matplotlib."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the ``treaty-kg`` parser."""

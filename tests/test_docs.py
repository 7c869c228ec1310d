"""The README's promises: the CI script runs exactly its test command; every command it shows exists."""

from __future__ import annotations

import re

from kg.cli import parser

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    test_command = next(b.strip() for b in blocks if "pytest" in b)
    ci = [ln for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if ln.strip() and not ln.startswith("#") and not ln.startswith(("set ", "cd "))]
    assert ci == [test_command]


def test_every_command_in_the_readme_exists() -> None:
    usage = "\n".join(re.findall(r"```sh\n(.*?)```", README, re.S))
    shown = set(re.findall(r"^treaty-kg (\w+)", usage, re.M))
    commands = set(parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert shown - {"COMMAND"} <= commands
    assert {"build", "extract", "check", "query", "push", "serve"} <= shown

"""An installed package (not the checkout) still finds ontology/ and queries/ and its data files."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                          str(ROOT), "-w", str(out)], capture_output=True, text=True, timeout=300)
    if res.returncode != 0:
        pytest.fail(f"building the wheel failed: {res.stderr[-2000:]}")
    return next(out.glob("treaty_kg-*.whl"))


def test_wheel_carries_ontology_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kg/_shipped/ontology/treaty-kg.ttl" in names
    assert "kg/data/structure.json" in names and "kg/data/resolution.json" in names
    assert "kg/py.typed" in names
    shipped = zipfile.ZipFile(wheel).read("kg/_shipped/ontology/treaty-kg.ttl")
    assert shipped == (ROOT / "ontology" / "treaty-kg.ttl").read_bytes()


def test_installed_package_finds_the_ontology_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    env = {k: v for k, v in os.environ.items() if k not in ("TREATY_KG_HOME", "PYTHONPATH")}
    env["PYTHONPATH"] = str(target)
    code = ("import kg.resources as r, kg.structure.markers as m; "
            "print(r.ontology_file()); print(len(m.markers().languages))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                         timeout=60)
    assert res.returncode == 0, res.stderr
    found, langs = res.stdout.split()
    assert Path(found).is_relative_to(target / "kg" / "_shipped")
    assert int(langs) == 3

"""Shared fixtures: a copy of the fixture bank, and the fixture and real banks built once per session."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import FIXTURE_BANK, ROOT, build_site


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture bank; returns its content/ folder."""
    shutil.copytree(FIXTURE_BANK / "content", tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The tiny fixture bank built once per test session with `mkdocs build --strict`."""
    project = tmp_path_factory.mktemp("fixture-site")
    result = build_site(project, FIXTURE_BANK / "content")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real bank built once per test session with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("real-site") / "site"
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)]
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        errors = [l for l in result.stderr.splitlines() if l.startswith(("ERROR", "WARNING"))]
        pytest.fail("the real bank does not build strict:\n" + "\n".join(errors[:40] or [result.stderr[-3000:]]))
    return out

"""Paths and the throwaway-project build shared by the tests.

A module of its own (not conftest.py): `from conftest import …` can resolve to another
folder's conftest.py when the whole suite runs.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_BANK = Path(__file__).parent / "fixtures" / "bank"
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(project: Path, content: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` for `content` in a throwaway project folder."""
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for shared in ("docs", "hooks", "overrides"):
        if not (project / shared).exists():
            (project / shared).symlink_to(ROOT / shared)
    if content != project / "content":
        shutil.copytree(content, project / "content")
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
            "-d", str(project / "site")] + (["--strict"] if strict else [])
    return subprocess.run(args, capture_output=True, text=True, cwd=project)

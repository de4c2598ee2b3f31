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


# What a build needs from this checkout besides content/ and mkdocs.yml.
PROJECT_LINKS = ("docs", "hooks", "overrides")


def scratch_project(project: Path, content: Path, copied: tuple[str, ...] = ("mkdocs.yml",),
                    linked: tuple[str, ...] = PROJECT_LINKS) -> Path:
    """A throwaway project folder for `content`: this checkout's files copied (times kept) or
    linked, and the bank copied in as content/."""
    project.mkdir(parents=True, exist_ok=True)
    for name in copied:
        shutil.copy2(ROOT / name, project / name)
    for name in linked:
        if not (project / name).exists():
            (project / name).symlink_to(ROOT / name)
    if content != project / "content":
        shutil.copytree(content, project / "content")
    return project


def build_site(project: Path, content: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` for `content` in a throwaway project folder."""
    scratch_project(project, content)
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
            "-d", str(project / "site")] + (["--strict"] if strict else [])
    return subprocess.run(args, capture_output=True, text=True, cwd=project)


def bookmarks(reader) -> list[tuple[int, str, int]]:
    """A PDF's bookmarks (a pypdf PdfReader) as (depth, title, page), depth 0 at the top."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found

"""A rebuild in the same process (as `mkdocs serve` rebuilds after an edit) writes what a
fresh build of the edited bank writes: it reuses last build's pages, search words and
templates (studybank/memo.py) only where nothing they depend on changed."""
import filecmp
import os
import subprocess
import sys

from support import FIXTURE_BANK, scratch_project

# Build, edit one question (its title, which other pages list, and its answer), build again.
REBUILD = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
config, first, second = sys.argv[1:]
build(load_config(config, site_dir=first, strict=True))
page = Path(config).parent / "content" / "basics" / "attention.md"
text = page.read_text(encoding="utf-8")
page.write_text(text.replace("什么是注意力机制？", "注意力机制是什么？").replace("加权求和", "加权平均"), encoding="utf-8")
build(load_config(config, site_dir=second, strict=True))
"""


def differing_files(left, right) -> list[str]:
    found = []
    compared = filecmp.dircmp(left, right)
    found += compared.left_only + compared.right_only + compared.diff_files + compared.funny_files
    for name, sub in compared.subdirs.items():
        found += [f"{name}/{path}" for path in differing_files(sub.left, sub.right)]
    return found


def test_a_rebuild_after_an_edit_writes_what_a_fresh_build_writes(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")  # the print pages' date
    served = scratch_project(tmp_path / "served", FIXTURE_BANK / "content")
    subprocess.run([sys.executable, "-c", REBUILD, str(served / "mkdocs.yml"), str(tmp_path / "before"),
                    str(tmp_path / "rebuilt")], check=True, env=env, cwd=served, capture_output=True)
    fresh = scratch_project(tmp_path / "fresh", served / "content")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "fresh-site")],
                   check=True, env=env, cwd=fresh, capture_output=True)
    assert differing_files(tmp_path / "rebuilt", tmp_path / "fresh-site") == []
    # the edit reached the rebuild: its own page, the topic page that lists it, the search index
    assert "basics/attention/index.html" in differing_files(tmp_path / "before", tmp_path / "rebuilt")
    assert "basics/index.html" in differing_files(tmp_path / "before", tmp_path / "rebuilt")
    assert "search/bank_index.js" in differing_files(tmp_path / "before", tmp_path / "rebuilt")

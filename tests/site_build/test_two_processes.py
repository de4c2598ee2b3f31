"""A cold build converts half its pages, and renders the templates of half, in a forked copy of
itself (studybank/forked.py, pagecache.py, templatecache.py), and writes exactly what a build in one process
writes."""
import os
import subprocess
import sys

import pytest

from studybank import forked
from support import FIXTURE_BANK, ROOT, scratch_project
from test_rebuild import differing_files

# `mkdocs build --strict --verbose`, with the second process turned off ("one"), or failing
# as it sends its pages back ("failing")
BUILD = """
import sys
sys.path.insert(0, sys.argv[3])
from studybank import forked, pagecache, templatecache
if sys.argv[2] == "one":
    forked.available = lambda: False
if sys.argv[2] == "failing":
    pagecache.RENDERED.made = templatecache.TEMPLATED.made = lambda: 1 / 0
from mkdocs.__main__ import cli
cli(["build", "--strict", "--verbose", "-d", sys.argv[1]])
"""


@pytest.mark.skipif(not forked.available(), reason="one core, or no fork(): builds run in one process")
def test_a_build_on_two_processes_writes_what_one_process_writes(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", PYTHONHASHSEED="0")
    project = scratch_project(tmp_path / "project", FIXTURE_BANK / "content")
    logs = {}
    for processes in ("two", "one", "failing"):
        result = subprocess.run([sys.executable, "-c", BUILD, str(tmp_path / processes), processes, str(ROOT / "hooks")],
                                env=env, cwd=project, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
        logs[processes] = result.stderr
    for done in ("converted", "templated"):
        assert f"pages {done} in a second process" in logs["two"]
        assert f"pages {done} in a second process" not in logs["one"]
    assert differing_files(tmp_path / "two", tmp_path / "one") == []
    # a second process that fails costs time, not pages: this one does its work
    for done in ("converted", "templated"):
        assert f"pages are {done} in one process: the second one failed" in logs["failing"]
    assert "ZeroDivisionError" in logs["failing"]
    assert differing_files(tmp_path / "failing", tmp_path / "one") == []

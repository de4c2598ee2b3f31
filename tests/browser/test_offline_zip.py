"""`make offline` for the fixture bank: the zip, unzipped and opened from disk (file://).

Runs the real make target in a scratch project (the fixture bank, this checkout's docs,
hooks, installed packages), unzips what it wrote and reads it in Chromium as a reader who
downloaded it would: pages, navigation, search, formulas and the downloads.
"""
from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from e2e import tab
from support import FIXTURE_BANK, PROJECT_LINKS, scratch_project

ZIP = "llm-interview-bank-offline.zip"


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory) -> Path:
    # copied with their times: the install stamp stays fresh
    project = scratch_project(tmp_path_factory.mktemp("offline"), FIXTURE_BANK / "content",
                              copied=("Makefile", "mkdocs.yml", "requirements.txt", "package.json", "package-lock.json"),
                              linked=PROJECT_LINKS + (".venv", "node_modules"))
    # -o: the packages are this checkout's (linked): never reinstall them through the links
    made = subprocess.run(["make", "-o", ".venv/.installed", "offline"], cwd=project, capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k != "MAKEFLAGS"})
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-3000:]
    assert f"==> {ZIP}" in made.stdout
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(project / ZIP) as archive:
        archive.extractall(out)
    return out / "llm-interview-bank"


def local_file(url: str) -> Path:
    assert url.startswith("file://"), url
    return Path(unquote(urlparse(url).path))


def test_zip_holds_the_pages_the_pdfs_and_the_deck(unzipped):
    assert (unzipped / "index.html").is_file() and (unzipped / "basics" / "index.html").is_file()
    assert (unzipped / "pdf" / "llm-interview-bank.pdf").is_file() and (unzipped / "llm-interview-bank.apkg").is_file()


def test_navigation_works_from_disk(browser, unzipped):
    with tab(browser) as page:
        page.goto((unzipped / "index.html").as_uri())
        page.locator(".md-nav a", has_text="基础").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("basics/index.html")  # a file, not a folder the browser would list
        page.get_by_role("link", name="什么是注意力机制？").first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith("什么是注意力机制")
        assert local_file(page.url).is_file()


def test_formulas_are_typeset_with_the_sites_fonts(browser, unzipped):
    with tab(browser) as page:
        page.goto((unzipped / "basics" / "attention.html").as_uri())
        page.wait_for_load_state()
        assert page.locator(".katex-display").first.is_visible()
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check('16px KaTeX_Main')")  # the KaTeX stylesheet loaded
        assert page.evaluate("[...document.fonts].some(f => f.family === 'KaTeX_Main' && f.status === 'loaded')")


def test_search_works_from_disk(browser, unzipped):
    with tab(browser) as page:
        page.goto((unzipped / "index.html").as_uri())
        page.locator("input.md-search__input").click()
        page.keyboard.insert_text("softmax")
        page.locator("input.md-search__input").dispatch_event("keyup")
        first = page.locator("li.md-search-result__item a").first
        first.wait_for(timeout=20000)
        links = page.locator("li.md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
        files = [local_file(link) for link in links]  # the path, without ?h=softmax or #anchor
        assert unzipped / "math" / "softmax.html" in files, links
        assert all(file.is_file() for file in files), links


def test_downloads_open_from_disk(browser, unzipped):
    with tab(browser) as page:
        for path in ("index.html", "basics/index.html", "guide.html"):
            page.goto((unzipped / path).as_uri())
            hrefs = page.locator("a[href$='.pdf'], a[href$='.apkg']").evaluate_all("links => links.map(a => a.href)")
            assert hrefs, path
            for href in hrefs:
                assert local_file(href).is_file(), (path, href)

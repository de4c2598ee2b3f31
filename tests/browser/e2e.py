"""Helpers for the end-to-end browser tests: the pages of the built site, tabs, artifacts."""
from __future__ import annotations

import contextlib
import functools
from pathlib import Path
from urllib.parse import urlsplit

from studybank.load import load_bank

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots worth a look after a run (ignored by git).
ARTIFACTS = ROOT / "test-artifacts"
# The question whose page has the most display formulas a reader meets first.
FORMULA_PAGE = "transformer-attention/scaled-dot-product-attention/"
# Written by `make anki` after the build, so a freshly built site links to it before it exists.
DECK = "llm-interview-bank.apkg"


@functools.cache
def bank():
    loaded, _ = load_bank(ROOT / "content")
    return loaded


def question_url(qid: str) -> str:
    """A question's page, relative to the site root."""
    q = bank().question(qid)
    assert q is not None, f"no question {qid!r} in content/"
    return f"{q.topic}/{q.id}/"


def site_path(url: str, site_url: str) -> str:
    """`http://127.0.0.1:port/a/b/?h=x#y` → `a/b/`."""
    return urlsplit(url).path[len(urlsplit(site_url).path):]


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a URL path relative to the site root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def page_file(site: Path, page: str) -> Path:
    return site / (page + "index.html" if page.endswith("/") or not page else page)


def pages_with_math(site: Path) -> list[str]:
    return [p for p in html_pages(site) if 'class="katex"' in page_file(site, p).read_text(encoding="utf-8")]


@contextlib.contextmanager
def tab(browser, **options):
    """A page in a fresh browser context (own storage, viewport, colour scheme)."""
    options = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", **options}
    context = browser.new_context(**options)
    try:
        yield context.new_page()
    finally:
        context.close()


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name

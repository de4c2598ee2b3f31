"""Small things a reader notices on the built fixture site: one pager per question, a Chinese
404 page, the site name once in each <title>, a copy button on code blocks."""
import json
import re

import pytest

SITE_NAME = "大模型面试题库"


def html_titles(site) -> dict[str, str]:
    """The <title> of every page a reader opens (not the print pages behind the PDFs)."""
    return {page.relative_to(site).as_posix(): re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8")).group(1)
            for page in site.rglob("*.html") if not page.relative_to(site).as_posix().startswith("print/")}


def test_question_page_shows_one_previous_next_pager(fixture_site):
    html = (fixture_site / "basics/attention/index.html").read_text(encoding="utf-8")
    assert html.count('class="qa-pager"') == 1
    footers = re.findall(r'<nav class="md-footer__inner[^>]*>', html)
    assert footers and all(" hidden" in nav for nav in footers)


def test_not_found_page_speaks_chinese(fixture_site):
    html = (fixture_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>404 - 页面不存在</h1>" in html and "Not found" not in html
    assert "回到首页" in html


def test_every_title_names_the_site_once(fixture_site):
    titles = html_titles(fixture_site)
    assert titles["index.html"] == SITE_NAME
    assert not {page: t for page, t in titles.items() if t.count(SITE_NAME) != 1}


def test_code_blocks_get_a_copy_button(fixture_site):
    html = (fixture_site / "basics/attention/index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert "content.code.copy" in config["features"]

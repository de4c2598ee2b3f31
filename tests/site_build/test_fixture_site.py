"""A real `mkdocs build --strict` of the tiny fixture bank: what a reader gets."""
import hashlib
import re

import pytest

from support import FIXTURE_BANK, build_site
from sitecheck import entry_words, external_asset_urls, search_entries


def test_pages_exist_at_topic_and_id_urls(fixture_site):
    for page in ("index.html", "basics/index.html", "basics/attention/index.html",
                 "math/softmax/index.html", "tags/index.html", "glossary/index.html"):
        assert (fixture_site / page).exists(), page


def test_formulas_are_typeset_at_build_time(fixture_site):
    html = (fixture_site / "basics/attention/index.html").read_text(encoding="utf-8")
    assert html.count('class="katex"') == 2
    assert 'class="katex-display"' in html
    assert "$`" not in html and "```math" not in html and "katex-error" not in html


def test_cross_links_point_at_the_question_pages(fixture_site):
    html = (fixture_site / "math/softmax/index.html").read_text(encoding="utf-8")
    assert '<a href="../../basics/attention/">注意力权重</a>' in html


def test_the_marks_print_sheets_take_answers_by_are_on_no_page(fixture_site):
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<!-- answer" not in html and "<!-- /answer" not in html and "<!-- sheet answer" not in html, page


def test_only_print_pages_load_the_print_font_and_they_carry_no_mathml(fixture_site):
    question = (fixture_site / "basics/attention/index.html").read_text(encoding="utf-8")
    sheet = (fixture_site / "print/basics/index.html").read_text(encoding="utf-8")
    assert "<math" in question and "print-font.css" not in question
    assert 'href="../../assets/fonts/noto-sans-sc/print-font.css" media="print"' in sheet
    assert sheet.count('class="katex"') >= 2 and "<math" not in sheet
    css = (fixture_site / "assets/stylesheets/print.css").read_text(encoding="utf-8")
    assert "@import" not in css


def test_chinese_headings_get_readable_anchors(fixture_site):
    html = (fixture_site / "basics/attention/index.html").read_text(encoding="utf-8")
    assert 'id="详解"' in html and 'id="追问"' in html and 'id="相关问题"' in html
    assert not re.search(r'id="_\d+"', html)


def test_katex_stylesheet_and_fonts_are_served_by_the_site(fixture_site):
    css = fixture_site / "assets/katex/katex.min.css"
    assert css.exists()
    fonts = re.findall(r"url\((fonts/[^)]+\.woff2)\)", css.read_text(encoding="utf-8"))
    assert fonts and all((css.parent / f).exists() for f in fonts)
    html = (fixture_site / "basics/attention/index.html").read_text(encoding="utf-8")
    assert "assets/katex/katex.min.css" in html


def test_no_asset_is_loaded_from_another_host(fixture_site):
    assert external_asset_urls(fixture_site) == []


def test_search_keeps_bank_terms_whole(fixture_site):
    words = {w for entry in search_entries(fixture_site).values() for w in entry_words(entry)}
    assert {"注意力机制", "旋转位置编码", "多头注意力"} <= words


def test_search_splits_latin_from_chinese(fixture_site):
    words = entry_words(search_entries(fixture_site)["basics/attention/"])
    assert {"rope", "rotary", "attention", "注意力"} <= words  # English names, Han words apart


def test_formulas_are_not_indexed_as_tex(fixture_site):
    entry = search_entries(fixture_site)["basics/attention/"]
    text = " ".join([entry["preview"], *entry["fields"].values()])
    assert "\\mathrm" not in text and "\\frac" not in text and "$`" not in text
    assert "application/x-tex" not in text


def test_aliases_are_searchable(fixture_site):
    entry = search_entries(fixture_site)["basics/attention/"]
    assert "怎么" in entry["fields"]["aliases"].split()  # 注意力是怎么算的？


def test_bad_bank_fails_strict_build_with_one_line_and_no_traceback(tmp_path, bank_copy):
    page = bank_copy / "math/softmax.md"
    page.write_text(page.read_text(encoding="utf-8").replace("tags:", "tagz:"), encoding="utf-8")
    before = hashlib.sha256(page.read_bytes()).hexdigest()
    result = build_site(tmp_path / "project", bank_copy)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = [l for l in result.stderr.splitlines() if l.startswith("ERROR")]
    assert errors == ["ERROR   -  content/math/softmax.md:4: unknown front-matter key 'tagz' (did you mean 'tags'?)"]
    assert hashlib.sha256(page.read_bytes()).hexdigest() == before


def test_glossary_terms_show_their_definition_on_hover(fixture_site):
    html = (fixture_site / "basics/multi-head/index.html").read_text(encoding="utf-8")
    assert '<abbr title="旋转位置编码（Rotary Position Embedding）：按位置把查询和键向量旋转一个角度的位置编码。">RoPE</abbr>' in html


def test_glossary_page_lists_terms_with_links(fixture_site):
    html = (fixture_site / "glossary/index.html").read_text(encoding="utf-8")
    assert "<strong>旋转位置编码</strong>" in html and "Rotary Position Embedding" in html
    assert '<a href="../basics/attention/">什么是注意力机制？</a>' in html

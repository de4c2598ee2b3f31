"""The real bank, built strict: every page there, every formula typeset, search usable."""
import html
import re
from urllib.parse import urljoin

import pytest

from support import ROOT
from sitecheck import entry_words, external_asset_urls, search_entries
from studybank.load import load_bank

MODEL_ANSWERS = ["pretraining-objectives/language-modeling-objective", "transformer-attention/scaled-dot-product-attention",
                 "ml-math/softmax", "ml-math/kl-divergence"]


@pytest.fixture(scope="module")
def bank():
    loaded, problems = load_bank(ROOT / "content")
    assert problems == []
    return loaded


def test_every_question_and_topic_has_its_page(real_site, bank):
    for topic in bank.topics:
        assert (real_site / topic.slug / "index.html").exists()
        for q in topic.questions:
            assert (real_site / q.topic / q.id / "index.html").exists(), q.id


PRUNED_TOPIC = re.compile(r'<li class="md-nav__item md-nav__item--pruned md-nav__item--nested">\s*'
                          r'<a href="([^"]*)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)


def test_every_page_links_each_other_topic_in_its_sidebar(real_site, bank):
    """The sidebar shows the other topics folded, each one link to the topic's page. The HTML
    of such a link is kept once per build and address (overrides/partials/nav-item.html): on
    every page, at every depth, each topic's link must still lead to that topic and name it."""
    titles = {f"/{t.slug}/": t.title for t in bank.topics}
    pages = [p for p in real_site.rglob("index.html") if p.relative_to(real_site).parts[0] != "print"]
    for path in pages:
        address = "/" + path.parent.relative_to(real_site).as_posix().strip(".") + "/"
        folded = {urljoin(f"http://site{address}", href).removeprefix("http://site"): html.unescape(label)
                  for href, label in PRUNED_TOPIC.findall(path.read_text(encoding="utf-8"))}
        own = {t for t in titles if address.startswith(t)}
        assert folded == {t: title for t, title in titles.items() if t not in own}, address


@pytest.mark.parametrize("page", MODEL_ANSWERS)
def test_model_answers_are_typeset(real_site, page):
    text = (real_site / page / "index.html").read_text(encoding="utf-8")
    assert text.count('class="katex"') >= 5
    assert 'class="katex-display"' in text
    assert "$`" not in text and "katex-error" not in text


def test_no_page_has_untypeset_math_or_generic_anchors(real_site):
    for path in real_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        # the contributor guide shows the math syntax itself, as code
        assert "$`" not in re.sub(r"<code>.*?</code>", "", text, flags=re.S), path
        assert "katex-error" not in text, path
        assert not re.search(r'<h[1-6] id="_\d+"', text), path


def test_no_asset_is_loaded_from_another_host(real_site):
    assert external_asset_urls(real_site) == []


def test_search_index_keeps_key_terms_whole(real_site):
    words = {w for entry in search_entries(real_site).values() for w in entry_words(entry)}
    assert {"注意力", "旋转位置编码", "灾难性遗忘"} <= words


@pytest.mark.parametrize("page", MODEL_ANSWERS)
def test_search_previews_show_formulas_as_text_not_tex(real_site, page):
    entry = search_entries(real_site)[f"{page}/"]
    assert entry["preview"] and not re.search(r"\\[A-Za-z]{2,}|\$`", entry["preview"])
    assert "application/x-tex" not in entry["preview"] and 'class="katex' not in entry["preview"]

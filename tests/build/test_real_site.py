"""The real bank, built strict: every page there, every formula typeset, search usable."""
import html
import re

import pytest

from support import ROOT
from sitecheck import entries_for, external_asset_urls, index_tokens, search_index
from studybank.load import load_bank
from studybank.markup import scan

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
    index = search_index(real_site)
    tokens = {t for doc in index["docs"] for t in index_tokens(index, doc["title"] + " " + doc["text"])}
    assert {"注意力", "旋转位置编码", "灾难性遗忘"} <= tokens


@pytest.mark.parametrize("page", MODEL_ANSWERS)
def test_each_formula_is_indexed_once_as_tex(real_site, bank, page):
    topic, qid = page.split("/")
    q = bank.question(qid)
    _, formulas = scan(q.body, q.body_line)
    index = search_index(real_site)
    text = html.unescape(" ".join(d["title"] + " " + d["text"] for d in entries_for(index, f"{page}/")))
    squash = lambda s: re.sub(r"\s+", "", s)
    text = squash(text.replace("\u200b", ""))
    sources = [squash(f.tex) for f in formulas]
    displays = {squash(f.tex) for f in formulas if f.display and len(f.tex) >= 20}
    assert displays
    for tex in displays:
        # once per occurrence in the source, counting occurrences inside longer formulas
        assert text.count(tex) == sum(s.count(tex) for s in sources), tex
    assert "application/x-tex" not in text and 'class="katex' not in text

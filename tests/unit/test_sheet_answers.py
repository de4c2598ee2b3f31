"""A topic sheet's answers, taken from the question pages' converted HTML (sheetanswers.py)."""
from __future__ import annotations

import markdown
import pytest

from studybank.pages import marked_answer
from studybank.sheetanswers import SheetError, answer, fill, for_sheet, slot, without_marks

SLOT_DIV = '<div class="study-reveal-slot"><button hidden>显示详解</button></div>'


def question_page_html(short: str, rest: str) -> str:
    """A question page's article as Python-Markdown writes it, with the reveal button between."""
    source = "\n\n".join(["# 题目", marked_answer(short), SLOT_DIV, marked_answer(rest), "## 相关问题"])
    return markdown.markdown(source)


def test_the_marked_answer_is_taken_whole_and_the_page_keeps_no_trace_of_the_marks():
    page = question_page_html("**简答**：短。", "## 详解\n\n长。")
    assert answer(page) == '<p><strong>简答</strong>：短。</p>\n<h2>详解</h2>\n<p>长。</p>'
    unmarked = markdown.markdown(
        "\n\n".join(["# 题目", "**简答**：短。", SLOT_DIV, "## 详解\n\n长。", "## 相关问题"]))
    assert without_marks(page) == unmarked


def test_footnotes_go_with_the_answer():
    source = "\n\n".join([marked_answer("**简答**：短[^1]。"), "## 相关问题", "[^1]: 注。"])
    page = markdown.markdown(source, extensions=["footnotes"])
    taken = sheet(answer(page))
    assert '<a class="footnote-ref" href="#a-attention-fn:1">1</a>' in taken
    assert '<li id="a-attention-fn:1">' in taken and "注。" in taken and "相关问题" not in taken


def test_a_page_without_a_marked_answer_is_refused():
    with pytest.raises(SheetError):
        answer("<h1>题目</h1><p>没有标记</p>")


def sheet(html: str, on_sheet: dict[str, str] | None = None) -> str:
    return for_sheet(html, "attention", "basics/attention/", on_sheet or {"basics/attention/": "attention"},
                     lambda url: "REL:" + url)


def test_headings_go_one_level_down_but_code_that_shows_a_heading_tag_does_not():
    html = sheet('<h2 id="a">详解</h2><h5 id="b">x</h5><h6 id="c">y</h6><pre><code>&lt;h2&gt;</code></pre>')
    assert html == ('<h3 id="a-attention-a">详解</h3><h6 id="a-attention-b">x</h6><h6 id="a-attention-c">y</h6>'
                    '<pre><code>&lt;h2&gt;</code></pre>')


def test_only_tags_are_rewritten_not_code_that_shows_attributes():
    code = ('<p><code>Linear(d, name="proj")</code></p><pre><code>&lt;tool_call name="get_weather"&gt;\n'
            '<span class="s1">\'&lt;img src="cat.png"&gt;\'</span> <span class="c1"># id="1"</span></code></pre>')
    assert sheet(code) == code
    assert sheet("<a href='../multi-head/'>多头</a>", {"basics/multi-head/": "multi-head"}) == "<a href='#q-multi-head'>多头</a>"


def test_glossary_tooltips_are_dropped_and_their_words_kept():
    assert sheet('<p>用 <abbr title="旋转位置编码：…">RoPE</abbr> 编码</p>') == "<p>用 RoPE 编码</p>"


def test_ids_and_links_to_them_are_the_questions_own_on_the_sheet():
    html = sheet('<h2 id="详解">详解<a class="headerlink" href="#详解">¶</a></h2>'
                 '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>'
                 '<label for="tab-1">甲</label><span data-id="keep">x</span>')
    assert html == ('<h3 id="a-attention-详解">详解<a class="headerlink" href="#a-attention-详解">¶</a></h3>'
                    '<a id="a-attention-__codelineno-0-1" name="a-attention-__codelineno-0-1" '
                    'href="#a-attention-__codelineno-0-1"></a>'
                    '<label for="a-attention-tab-1">甲</label><span data-id="keep">x</span>')


def test_a_question_on_the_sheet_is_linked_to_its_place_there_and_any_other_page_relative_to_the_sheet():
    on_sheet = {"basics/attention/": "attention", "basics/multi-head/": "multi-head"}
    html = sheet('<a href="../multi-head/">多头</a> <a href="../multi-head/#详解">详解</a> '
                 '<a href="../../math/softmax/">softmax</a> <a href="../../glossary/#rope">RoPE</a> '
                 '<a href="https://arxiv.org/abs/1706.03762">论文</a> <img src="../../assets/a.png"> '
                 '<a href="../../math/softmax/?v=1#x">带查询</a>', on_sheet)
    assert html == ('<a href="#q-multi-head">多头</a> <a href="#a-multi-head-详解">详解</a> '
                    '<a href="REL:math/softmax/">softmax</a> <a href="REL:glossary/#rope">RoPE</a> '
                    '<a href="https://arxiv.org/abs/1706.03762">论文</a> <img src="REL:assets/a.png"> '
                    '<a href="REL:math/softmax/?v=1#x">带查询</a>')


def test_each_slot_gets_its_questions_answer_and_a_slot_without_a_question_is_refused():
    answers = {"attention": ("basics/attention/", '<p>甲 <a href="../multi-head/">多头</a></p>'),
               "multi-head": ("basics/multi-head/", '<h2 id="详解">详解</h2>')}
    filled = fill(f"<h2>1</h2>\n{slot('attention')}\n\n<h2>2</h2>\n{slot('multi-head')}\n\n", answers, "print/basics/",
                  lambda u: u)
    assert filled == ('<h2>1</h2>\n<p>甲 <a href="#q-multi-head">多头</a></p>\n'
                      '<h2>2</h2>\n<h3 id="a-multi-head-详解">详解</h3>\n')
    with pytest.raises(SheetError, match="softmax"):
        fill(slot("softmax"), answers, "print/math/", lambda u: u)

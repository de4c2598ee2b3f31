"""Formulas, bare dollars and links are found exactly where markdown-katex finds them."""
from studybank.markup import bare_dollar_lines, escape, replace_wiki_links, scan, wiki_links

BODY = """**简答**：$`a^2`$ 与 [[x]]、[[y|文字]]。
```math
\\frac{a}{b}
```
```python
s = "$x^2$ [[not-a-link]]"
```
价格 $5 到 $6，代码 `$x^2$`。
坏的 $x^2$。"""


def test_formulas_with_lines_and_display_flag():
    _, formulas = scan(BODY, 10)
    assert [(f.tex, f.display, f.line) for f in formulas] == [("a^2", False, 10), ("\\frac{a}{b}", True, 11)]


def test_bare_dollar_only_where_it_looks_like_tex():
    prose, _ = scan(BODY, 10)
    assert [line.number for line in bare_dollar_lines(prose)] == [18]


def test_wiki_links_outside_code():
    prose, _ = scan(BODY, 10)
    assert [(l.target, l.text, l.line) for l in wiki_links(prose)] == [("x", None, 10), ("y", "文字", 10)]


def test_short_answer_is_split_from_the_details():
    from studybank.markup import split_short_answer

    short, rest = split_short_answer("\n**简答**：第一行\n第二行。\n\n## 详解\n\n正文")
    assert short == "第一行 第二行。"
    assert rest == "## 详解\n\n正文"


def test_links_inside_inline_code_stay_as_written():
    body = "见 [[a]]；语法是 `[[id]]` 或 ``[[id|文字]]``，再见 [[b|B 题]]。"
    rewritten = replace_wiki_links(body, lambda qid, text: f"<{qid}:{text}>")
    assert rewritten == "见 <a:None>；语法是 `[[id]]` 或 ``[[id|文字]]``，再见 <b:B 题>。"


def test_escape_shows_plain_text_once():
    assert escape("<eos> 与 $5 & *x* [y] {z} a_b") == r"&lt;eos&gt; 与 &#36;5 &amp; \*x\* \[y\] \{z\} a\_b"
    # the site has no caret, tilde or mark syntax: these reach the page as typed, unescaped
    assert escape("ε_low=0.2 s^(d/2) ~x~") == r"ε\_low=0\.2 s^\(d/2\) ~x~"
    # first on a line they would open a tab, a code fence or underline a heading
    assert escape('=== "x"\n~~~\n  ==') == '&#61;== "x"\n&#126;~~\n  &#61;='

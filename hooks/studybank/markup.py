"""Find the bank's own markup in an answer body, with line numbers.

Formulas are found with markdown-katex's own scanner, so what is checked here is exactly
what the site renders. Lines inside code fences are skipped, as markdown-katex does.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterator

from markdown_katex.extension import BLOCK_START_RE, FENCE_RE, iter_inline_katex

from .model import Formula

# Characters Python-Markdown and the site's extensions (tables: |) give a meaning to anywhere,
# each of which it accepts backslash-escaped (a space is not escaped: pymdownx turns "\ " into a
# no-break space). ^ means nothing: mkdocs.yml has no pymdownx caret, tilde or mark.
MARKDOWN_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# = and ~ only mean something first on a line: === "x" opens a tab (pymdownx.tabbed), ~~~ a code
# fence, a line of = underlines a heading; Python-Markdown does not take them backslash-escaped
LINE_START_SYNTAX = re.compile(r"^([ \t]*)([=~])", re.MULTILINE)
WIKI_LINK = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+?))?\]\]")
INLINE_CODE = re.compile(r"(`+).+?\1")
# `$…$` or `$$…$$` whose inside looks like TeX: a backslash command, ^, _ or braces
BARE_DOLLAR = re.compile(r"\$\$|\$(?!`)[^$\n]*?(?:\\[a-zA-Z]+|[\^_{}])[^$\n]*?\$")


PROSE, FENCE, CODE, CLOSE = "prose", "fence", "code", "close"


def escape(text: str) -> str:
    """Plain text (a title, a tag, a term) as Markdown that shows exactly that text once:
    &, < and > become entities, Markdown syntax is backslash-escaped, and $ becomes an
    entity so markdown-katex never sees the start of a formula."""
    text = MARKDOWN_ESCAPABLE.sub(r"\\\1", html.escape(text, quote=False))
    text = LINE_START_SYNTAX.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text)
    return text.replace("$", "&#36;")


def walk_fences(text: str) -> Iterator[tuple[str, str]]:
    """Each line with its kind: PROSE, FENCE (a line opening a fenced block, ```math
    included), CODE (inside the block) or CLOSE (the line closing it)."""
    closing = None
    for line in text.split("\n"):
        if closing is not None:
            if line.rstrip() == closing:
                closing = None
                yield line, CLOSE
            else:
                yield line, CODE
        elif fence := FENCE_RE.match(line):
            closing = fence.group(1) + fence.group(2)
            yield line, FENCE
        else:
            yield line, PROSE


@dataclass(frozen=True)
class Line:
    number: int
    text: str  # outside code fences; math fences are reported as formulas instead


@dataclass(frozen=True)
class WikiLink:
    target: str
    text: str | None
    line: int


def scan(body: str, first_line: int) -> tuple[list[Line], list[Formula]]:
    """Split a body into prose lines and formulas (fenced code is neither)."""
    prose: list[Line] = []
    formulas: list[Formula] = []
    math_start, math_lines = 0, []
    for offset, (text, kind) in enumerate(walk_fences(body)):
        number = first_line + offset
        if kind == FENCE:
            math_start = number if BLOCK_START_RE.match(text) else 0
            math_lines = []
        elif kind == CODE and math_start:
            math_lines.append(text)
        elif kind == CLOSE and math_start:
            formulas.append(Formula("\n".join(math_lines).strip(), True, math_start))
        elif kind == PROSE:
            for item in iter_inline_katex(text + " "):
                formulas.append(Formula(item.inline_text.strip("$").strip("`"), False, number))
            prose.append(Line(number, text))
    return prose, formulas


SHALLOW_INDENT = re.compile(r"^ {1,3}\S")


def shallow_indents(body: str, first_line: int) -> Iterator[int]:
    """Lines indented by 1–3 spaces (fence contents aside).

    CommonMark nests a list item's content at 3 spaces; Python-Markdown needs 4, so such a
    line silently falls out of its list item on the site.
    """
    for offset, (text, kind) in enumerate(walk_fences(body)):
        if kind in (PROSE, FENCE) and SHALLOW_INDENT.match(text):
            yield first_line + offset


def _without_math_and_code(text: str) -> str:
    for item in reversed(list(iter_inline_katex(text + " "))):
        text = text[: item.start] + " " + text[item.end:]
    return INLINE_CODE.sub(" ", text)


def unclosed_math_lines(prose: list[Line]) -> Iterator[Line]:
    """Lines where a $` opens a formula that never closes: the site would print the raw TeX."""
    for line in prose:
        if "$`" in _without_math_and_code(line.text):
            yield line


def bare_dollar_lines(prose: list[Line]) -> Iterator[Line]:
    for line in prose:
        if BARE_DOLLAR.search(_without_math_and_code(line.text)):
            yield line


def wiki_links(prose: list[Line]) -> Iterator[WikiLink]:
    for line in prose:
        for match in WIKI_LINK.finditer(INLINE_CODE.sub(" ", line.text)):
            yield WikiLink(match.group(1).strip(), match.group(2), line.number)


def _outside_inline_code(text: str, sub) -> str:
    pieces, start = [], 0
    for code in INLINE_CODE.finditer(text):
        pieces += [WIKI_LINK.sub(sub, text[start:code.start()]), code.group(0)]
        start = code.end()
    return "".join(pieces) + WIKI_LINK.sub(sub, text[start:])


def replace_wiki_links(body: str, render) -> str:
    """Rewrite every [[id]] / [[id|text]] outside code (fenced or inline) with render(id, text)."""
    sub = lambda m: render(m.group(1).strip(), m.group(2))  # noqa: E731
    return "\n".join(_outside_inline_code(text, sub) if kind == PROSE else text for text, kind in walk_fences(body))


SHORT_ANSWER_MARK = "**简答**"


def split_short_answer(body: str) -> tuple[str, str]:
    """The 简答 paragraph (without its label) and the rest of the answer.

    Validation makes sure every answer opens with a paragraph that starts with **简答**.
    """
    text = body.strip("\n")
    if not text.startswith(SHORT_ANSWER_MARK):
        return "", text
    paragraph, _, rest = text.partition("\n\n")
    short = paragraph[len(SHORT_ANSWER_MARK):].lstrip("：: ")
    return " ".join(line.strip() for line in short.splitlines()), rest.strip("\n")

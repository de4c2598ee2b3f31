"""A topic sheet's answers, taken from its question pages' converted HTML.

An answer is converted once, for its question page. The question page marks its answer
(ANSWER_START/END around the 简答 and around the rest, leaving out the buttons between them),
the sheet's Markdown holds a slot per question (slot()), and once every page is converted
fill() puts each answer, with its footnotes, in its slot, changed as the sheet needs it:

- headings one level down: the question's title is the sheet's <h2>;
- glossary tooltips (<abbr>) dropped: paper has no hover;
- ids, and links to them, prefixed with `a-<question id>-`: a sheet holds many answers, each
  with its own 详解 (and not `q-`, the questions' own anchors, the only ones besides the topics'
  that the PDF writer keeps as destinations);
- links to other pages made relative to the sheet; a link to a question on the same sheet
  goes to its anchor there (the PDF writer makes the others links into the whole bank's PDF).

Only tags are rewritten: text, code included, has its < escaped, so a `name="…"` in a code
sample is left as it is.
"""
from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urljoin, urlsplit

from .memo import Memo, digest

ANSWER_START, ANSWER_END = "<!-- answer -->", "<!-- /answer -->"
# Python-Markdown writes a comment block as its own line and a blank line after it
MARK = re.compile(f"(?:{re.escape(ANSWER_START)}|{re.escape(ANSWER_END)})\n*")
# Python-Markdown's footnotes extension puts them at the very end of the page, after the pager
FOOTNOTES = '<div class="footnote">'
SLOT = re.compile(r"<!-- sheet answer ([^ ]+) -->\n*")
ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)
# a tag with an attribute to rewrite (KaTeX's thousands of <span>s have none)
TAG = re.compile(r"<[A-Za-z][^<>]*?\s(?:id|for|name|href|src)=[^<>]*>")
HEADING_TAG = re.compile(r"<(/?)h([1-5])\b")
ATTRIBUTE = re.compile(r"""(?<=\s)(id|for|name|href|src)=("[^"]*"|'[^']*')""")
SITE = "http://site/"  # any base: only the path of what a link resolves to matters


class SheetError(Exception):
    """A sheet or question page without what fill() needs: the hooks report it and stop."""


def slot(qid: str) -> str:
    """Where a sheet's Markdown wants the answer of question `qid`."""
    return f"<!-- sheet answer {qid} -->"


def answer(page_html: str) -> str:
    """The marked parts of a question page's HTML, joined, and its footnotes if it has any."""
    parts, start = [], page_html.find(ANSWER_START)
    while start != -1:
        end = page_html.find(ANSWER_END, start)
        if end == -1:
            raise SheetError(f"a question page's answer has no end mark ({ANSWER_END})")
        parts.append(page_html[start + len(ANSWER_START):end].strip("\n"))
        start = page_html.find(ANSWER_START, end)
    if not parts:
        raise SheetError("a question page has no marked answer")
    footnotes = page_html.find(FOOTNOTES)
    return "\n".join(parts + ([page_html[footnotes:]] if footnotes != -1 else []))


def without_marks(page_html: str) -> str:
    """A question page as readers get it: the marks are for the sheets only."""
    return MARK.sub("", page_html)


def for_sheet(answer_html: str, qid: str, page_url: str, on_sheet: dict[str, str],
              relative: Callable[[str], str]) -> str:
    """`answer_html` of question `qid` (page address `page_url`) as its sheet shows it.

    `on_sheet`: the page address of every question on the sheet → its id; `relative(url)`:
    a site address made relative to the sheet.
    """
    prefix = f"a-{qid}-"

    def rewritten(name: str, value: str) -> str:
        if name in ("id", "for", "name"):
            return prefix + value
        if value.startswith("#"):
            return f"#{prefix}{value[1:]}"
        if urlsplit(value).scheme or value.startswith("//"):
            return value
        target = urlsplit(urljoin(SITE + page_url, value))
        url = target.path.removeprefix("/")  # the site address, as MkDocs writes page.url
        if url in on_sheet:
            return f"#a-{on_sheet[url]}-{target.fragment}" if target.fragment else f"#q-{on_sheet[url]}"
        return relative(url) + (f"?{target.query}" if target.query else "") + (
            f"#{target.fragment}" if target.fragment else "")

    def attribute(match: re.Match) -> str:
        name, quoted = match.groups()
        return f"{name}={quoted[0]}{rewritten(name, quoted[1:-1])}{quoted[0]}"

    html = ABBR.sub(r"\1", answer_html)
    html = HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
    return TAG.sub(lambda tag: ATTRIBUTE.sub(attribute, tag.group(0)), html)


SHEET_ANSWERS: Memo[str] = Memo()  # a rebuild changes the answers of edited questions only


def fill(sheet_html: str, answers: dict[str, tuple[str, str]], sheet_url: str, relative: Callable[[str], str]) -> str:
    """`sheet_html` with every slot replaced by its question's answer (for_sheet).

    `answers`: question id → (its page's address, its answer()); `relative(url)`: a site
    address made relative to the sheet's own, `sheet_url`.
    """
    qids = SLOT.findall(sheet_html)
    missing = [q for q in qids if q not in answers]
    if missing:
        raise SheetError(f"no question page for the sheet's slot {missing[0]}")
    on_sheet = {answers[q][0]: q for q in qids}
    sheet_key = digest(sheet_url, *(f"{url}\0{q}" for url, q in sorted(on_sheet.items())))

    def answer_in_slot(match: re.Match) -> str:
        qid = match.group(1)
        page_url, html = answers[qid]
        key = digest(html, qid, page_url, sheet_key)
        return SHEET_ANSWERS.get(key, lambda: for_sheet(html, qid, page_url, on_sheet, relative)) + "\n"

    return SLOT.sub(answer_in_slot, sheet_html)

"""Checks across the whole bank. Every problem is collected; nothing stops at the first."""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from .fields import did_you_mean
from .markup import bare_dollar_lines, scan, shallow_indents, unclosed_math_lines, wiki_links
from .model import Bank, Problem, Question

# render(tex, display) raises ValueError, whose message says why KaTeX rejects the formula
Render = Callable[[str, bool], str]
MATH_HINT = "write inline math as $`…`$ and display math in a ```math fence"
# KaTeX runs without `trust`: these render as red error text, never as links or images
UNTRUSTED = re.compile(r"\\(href|url|includegraphics|htmlClass|htmlId|htmlStyle|htmlData)(?![A-Za-z])")


def clip(text: str, limit: int = 120) -> str:
    """A problem line stays one readable line even for a 50,000-character formula."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _line(q: Question, key: str) -> int:
    return q.key_lines.get(key, 1)


def _check_question(q: Question, bank: Bank, ids: set[str], render: Render | None) -> list[Problem]:
    problems = []
    for qid in q.related:
        if qid not in ids:
            problems.append(Problem(q.path, _line(q, "related"), f"unknown related id '{qid}'",
                                    did_you_mean(qid, ids) or "use the file name of another question"))
        elif qid == q.id:
            problems.append(Problem(q.path, _line(q, "related"), "a question cannot be related to itself",
                                    f"remove '{qid}' from related"))
    for tag in q.tags:
        if tag not in bank.tags:
            problems.append(Problem(q.path, _line(q, "tags"), f"unknown tag '{tag}'",
                                    did_you_mean(tag, bank.tags) or "add it to content/tags.yml first"))
    if "[[" in q.title:
        problems.append(Problem(q.path, _line(q, "title"), "the title cannot contain links",
                                "name the other question in the answer instead"))
    body = q.body.lstrip("\n")
    first = q.body_line + (len(q.body) - len(body))
    if body and not body.startswith("**简答**"):
        problems.append(Problem(q.path, first, "the answer must start with **简答**",
                                "begin with '**简答**：' and two to four lines a candidate would say first"))
    prose, formulas = scan(q.body, q.body_line)
    for line in prose:
        if line.text.startswith("# "):
            problems.append(Problem(q.path, line.number, "level-1 heading in an answer",
                                    "the page title comes from the front matter; use ## for sections"))
        elif line.text.startswith("#") and "$`" in line.text:
            problems.append(Problem(q.path, line.number, "formula in a heading",
                                    "headings feed the table of contents and anchors: write it as text, e.g. √dₖ"))
    for link in wiki_links(prose):
        if link.target not in ids:
            problems.append(Problem(q.path, link.line, f"unknown question id in link [[{link.target}]]",
                                    did_you_mean(link.target, ids) or "link to the file name of a question"))
    for number in shallow_indents(q.body, q.body_line):
        problems.append(Problem(q.path, number, "indented by fewer than 4 spaces",
                                "indent text, sub-lists and fences inside a list item by 4 spaces"))
    for line in bare_dollar_lines(prose):
        problems.append(Problem(q.path, line.number, "bare $…$ math is not rendered", MATH_HINT))
    for line in unclosed_math_lines(prose):
        problems.append(Problem(q.path, line.number, "a formula opened with $` is not closed on its line",
                                "end it with `$ on the same line"))
    for formula in formulas:
        if command := UNTRUSTED.search(formula.tex):
            problems.append(Problem(q.path, formula.line, f"\\{command.group(1)} is not rendered on this site",
                                    "formulas are typeset without links, images or HTML; write the link in the text"))
    if render:
        for formula in formulas:
            try:
                render(formula.tex, formula.display)
            except ValueError as err:  # the renderer's message is what the author needs
                problems.append(Problem(q.path, formula.line, f"KaTeX cannot parse `{clip(formula.tex, 80)}`: {clip(str(err), 200)}",
                                        "fix the TeX; see KaTeX's list of supported functions"))
    return problems


def bank_formulas(bank: Bank) -> list[tuple[str, bool]]:
    """Every formula validate() renders, as (TeX, display)."""
    return [(f.tex, f.display) for q in bank.questions for f in scan(q.body, q.body_line)[1]]


def validate(bank: Bank, render: Render | None = None) -> list[Problem]:
    """Cross-file checks; with `render`, also every formula through KaTeX."""
    problems: list[Problem] = []
    counts = Counter(q.id for q in bank.questions)
    for q in bank.questions:
        if counts[q.id] > 1:
            others = [o.path for o in bank.questions if o.id == q.id and o is not q]
            problems.append(Problem(q.path, 0, f"duplicate question id '{q.id}' (also {', '.join(others)})",
                                    "ids are file names and must be unique across topics; rename one"))
    ids = set(counts) | bank.unreadable
    for q in bank.questions:
        problems.extend(_check_question(q, bank, ids, render))
    for topic in bank.topics:
        for qid in topic.see_also:
            if qid not in ids:
                problems.append(Problem("content/topics.yml", 0, f"topic '{topic.slug}' has see_also '{qid}', no such question",
                                        did_you_mean(qid, ids) or "use the file name of a question"))
        own = {q.id for q in topic.questions} | bank.unreadable
        for qid in topic.order:
            if qid not in own:
                problems.append(Problem("content/topics.yml", 0,
                                        f"topic '{topic.slug}' lists '{qid}' but content/{topic.slug}/{qid}.md does not exist",
                                        "create the file or remove the id from 'questions'"))
    for term in bank.glossary:
        for qid in term.related:
            if qid not in ids:
                problems.append(Problem("content/glossary.yml", term.line,
                                        f"term '{term.term}' relates to unknown id '{qid}'",
                                        did_you_mean(qid, ids) or "use the file name of a question"))
    return problems

"""Print pages: the Markdown behind the PDF study sheets, as {path under docs/: markdown}.

Per topic a full sheet (every question with its whole answer) and a quiz (each question
with lines to write on, the 简答 in an answer key at the end). The whole bank's page holds
only its cover and contents: the PDF writer joins them to the topic sheets' PDFs, so each
question is laid out and printed once.

Print pages are ordinary generated pages, kept out of the nav and out of search. A stamp
element on each carries what the PDF header and footer show (title, date, version). A full
sheet's Markdown holds a slot where each answer goes: the answer is converted once, for its
question page, and put in the slot from there (sheetanswers.py).
"""
from __future__ import annotations

import html
import math

from . import sheetanswers, sheets
from .markup import escape, replace_wiki_links, split_short_answer
from .model import Bank, Question, Topic
from .pages import front_matter, stars

BANK_TITLE = "大模型面试题库"
KEY_HEADING = "答案要点"
CHARS_PER_WRITING_LINE = 24  # handwriting is about twice the size of print


def page_front_matter(title: str) -> str:
    return front_matter(title=title, template="print.html", search={"exclude": True}, hide=["navigation", "toc"])


def stamp(title: str, date: str, version: str) -> str:
    """Hidden element the PDF writer reads for the running header and footer."""
    attrs = {"data-title": title, "data-site": BANK_TITLE, "data-date": date, "data-version": version}
    return "<div class=\"print-stamp\" hidden " + " ".join(
        f'{k}="{html.escape(v)}"' for k, v in attrs.items()) + "></div>"


def sheet_links(markdown: str, by_id: dict[str, Question]) -> str:
    """[[id]] → the target's title, linked to its page on the site: the PDF writer makes that
    a link inside the whole bank's PDF, and drops it from a topic's own sheets."""
    def render(qid: str, text: str | None) -> str:
        target = by_id.get(qid)
        label = text or escape(target.title if target else qid)
        return f"[{label}](../{target.page_path})" if target else label

    return replace_wiki_links(markdown, render)


def question_head(q: Question, number: int) -> str:
    meta = " · ".join([f"{stars(q.difficulty)} {q.difficulty_name}", *map(escape, q.tags)])
    parts = [f"## {number}. {escape(q.title)} {{ #q-{q.id} .print-q }}", f"{meta}\n{{ .print-meta }}"]
    if q.aliases:
        parts.append("也问：" + "；".join(map(escape, q.aliases)) + "\n{ .print-aliases }")
    return "\n\n".join(parts)


def topic_section(topic: Topic) -> str:
    """A topic with a slot for every full answer: its sheet, which is also its part of the
    whole bank."""
    parts = [f"# {escape(topic.title)} {{ #t-{topic.slug} .print-topic }}",
             f"{topic.description}（共 {len(topic.questions)} 题）\n{{ .print-lead }}"]
    if not topic.questions:
        parts.append("（本主题还没有题目。）")
    for number, q in enumerate(topic.questions, 1):
        parts.append(question_head(q, number))
        parts.append(sheetanswers.slot(q.id))  # the answer as its page has it, once all are converted
    return "\n\n".join(parts)


def writing_lines(short: str) -> str:
    count = min(7, max(3, math.ceil(len(short) / CHARS_PER_WRITING_LINE)))
    return '<div class="print-lines" aria-hidden="true">' + "<div></div>" * count + "</div>"


def topic_sheet(topic: Topic, date: str, version: str) -> str:
    # the running header names the topic alone: the same pages are part of the whole bank
    return (page_front_matter(f"{topic.title} · 打印版") + stamp(topic.title, date, version) + "\n\n" +
            topic_section(topic) + "\n")


def quiz_sheet(topic: Topic, by_id: dict[str, Question], date: str, version: str) -> str:
    title = f"{topic.title} · 自测版"
    parts = [page_front_matter(title) + stamp(title, date, version),
             f"# {escape(topic.title)} · 自测 {{ .print-topic }}",
             "先在横线上写下每题的简答，再翻到卷末对照；详解见本主题的打印版。\n{ .print-lead }"]
    if not topic.questions:
        parts.append("（本主题还没有题目。）")
    shorts = [split_short_answer(q.body)[0] for q in topic.questions]
    for number, (q, short) in enumerate(zip(topic.questions, shorts), 1):
        parts += [question_head(q, number), writing_lines(short)]
    if topic.questions:
        parts.append(f"# {KEY_HEADING} {{ #key .print-key }}")
        for number, (q, short) in enumerate(zip(topic.questions, shorts), 1):
            answer = sheet_links(short, by_id) or "（本题没有简答。）"
            parts.append(f"**{number}. {escape(q.title)}**\n{{ .print-key-title }}\n\n{answer}")
    return "\n\n".join(parts) + "\n"


def contents(bank: Bank) -> str:
    """The whole bank's contents: a link per topic and question to its page on the site (the
    PDF writer turns them into links inside the PDF) and a slot for its page number (data-toc)."""
    def entry(kind: str, anchor: str, text: str, page_path: str) -> str:
        return (f'[<span class="print-toc-text">{escape(text)}</span>'
                f'<span class="print-toc-page" data-toc="{anchor}"></span>](../{page_path}){{ .print-toc-{kind} }}')

    groups = []
    for topic in (t for t in bank.topics if t.questions):
        lines = [entry("topic", f"t-{topic.slug}", topic.title, topic.page_path)]
        lines += [entry("question", f"q-{q.id}", f"{n}. {q.title}", q.page_path) for n, q in enumerate(topic.questions, 1)]
        groups.append('<div class="print-toc-group" markdown>\n' + "\n".join(lines) + "\n</div>")
    return ('<nav class="print-toc" markdown>\n<p class="print-toc-title">目录</p>\n\n' + "\n\n".join(groups)
            + "\n\n</nav>")


def bank_sheet(bank: Bank, date: str, version: str) -> str:
    """The front of the whole bank: the cover and the contents."""
    filled = [t for t in bank.topics if t.questions]
    count = sum(len(t.questions) for t in filled)
    cover = (f'<div class="print-cover"><p class="print-cover-kicker">LLM Interview Questions</p>'
             f'<h1>{BANK_TITLE}</h1><p class="print-cover-sub">面向算法岗与开发岗的大语言模型面试题</p>'
             f'<p class="print-cover-count">{len(filled)} 个主题 · {count} 道题</p>'
             f'<p class="print-cover-stamp">{date} · 版本 {html.escape(version)}</p></div>')
    return (page_front_matter(BANK_TITLE + " · 全部题目") + stamp("全部题目", date, version) + "\n\n" +
            cover + "\n\n" + contents(bank) + "\n")


def print_pages(bank: Bank, date: str, version: str) -> dict[str, str]:
    by_id = bank.by_id()
    pages = {}
    for topic in bank.topics:
        pages[sheets.print_page(sheets.topic_sheet(topic.slug))] = topic_sheet(topic, date, version)
        pages[sheets.print_page(sheets.quiz_sheet(topic.slug))] = quiz_sheet(topic, by_id, date, version)
    pages[sheets.print_page(sheets.BANK_SHEET)] = bank_sheet(bank, date, version)
    return pages

"""Turn one question file's front matter into a Question, or say what is wrong."""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from .model import DIFFICULTY_NAMES, ROLES, Problem, Question
from .source import Document

ID_RULE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LIST_KEYS = ("aliases", "tags", "companies", "roles", "related")
KEYS = ("title", "short_title", "difficulty") + LIST_KEYS
MAX_TAGS = 5
# sidebar width: a Chinese character counts 2, a Latin letter 1 (about 14 Chinese characters)
MAX_SHORT_TITLE_WIDTH = 28
# Titles and aliases are plain text: they feed the nav, the table of contents and search,
# where TeX shows as raw markup. Flagged: a command (\sqrt), a sub/superscript (d_k, x_{i},
# n^2), inline math ($`x`$, $x$). Not flagged: a dollar amount ($5) or a name like max_tokens.
TEX_MARKUP = re.compile(r"\\[A-Za-z]+|[_^]\{|\^|(?<![A-Za-z0-9])[A-Za-z]_[A-Za-z0-9](?![A-Za-z0-9])"
                        r"|\$`|\$\$|\$[^$\s]+\$")
# attr_list turns a heading's trailing {…} into attributes of the <h1>
TRAILING_ATTRIBUTES = re.compile(r"\{[^{}]*\}\s*$")
# a half-width ? or , right after a Chinese character: full-width punctuation reads right
HALF_WIDTH_AFTER_HAN = re.compile(r"[\u3400-\u9fff][?,]")
PLAIN_TEXT_HINT = "titles are plain text: write √dₖ, O(n²), softmax(QKᵀ) instead of TeX"


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else ""


def _string_list(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v).strip() for v in value]
    return None


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def title_problems(key: str, text: str) -> list[tuple[str, str]]:
    """What makes a title (or short_title) unfit to show in the nav, headings and search."""
    found = []
    if "\n" in text.strip():
        found.append((f"line break in {key}", "write the title on one line"))
    if TRAILING_ATTRIBUTES.search(text):
        found.append((f"{key} ends in {{…}}, which Markdown reads as HTML attributes",
                      "move the braces inside the sentence or drop them"))
    if TEX_MARKUP.search(text):
        found.append((f"TeX markup in {key} '{text}'", PLAIN_TEXT_HINT))
    mark = HALF_WIDTH_AFTER_HAN.search(text)
    if mark:
        wide = "？" if mark.group()[-1] == "?" else "，"
        found.append((f"half-width '{mark.group()[-1]}' after Chinese in {key} '{text}'",
                      f"use the full-width '{wide}'; keep the old wording in aliases"))
    return found


def build_question(doc: Document, qid: str, topic: str, shown: str) -> tuple[Question, list[Problem]]:
    """The question (with defaults where a field is wrong, so later checks do not cascade)
    and the problems of its front matter."""
    meta, lines = doc.meta, doc.key_lines
    problems: list[Problem] = []

    def report(key: str, message: str, hint: str = "") -> None:
        problems.append(Problem(shown, lines.get(key, 1), message, hint))

    if not ID_RULE.match(qid) or qid == "index":
        problems.append(Problem(shown, 0, f"file name '{qid}' is not a valid question id",
                                "use lowercase ascii letters, digits and single hyphens, e.g. kv-cache.md;"
                                " index.md is the topic's own page"))
    for key in meta:
        if key not in KEYS:
            hint = did_you_mean(str(key), KEYS) or "allowed keys: " + ", ".join(KEYS)
            report(str(key), f"unknown front-matter key '{key}'", hint)

    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        report("title", "missing or empty title", "add 'title: <the question>' to the front matter")
        title = qid
    short_title = meta.get("short_title") or ""
    if not isinstance(short_title, str):
        report("short_title", "short_title must be a string", "write short_title: 为什么除以 √dₖ")
        short_title = ""
    elif display_width(short_title.strip()) > MAX_SHORT_TITLE_WIDTH:
        report("short_title", f"short_title '{short_title.strip()}' is too long for the sidebar",
               f"at most {MAX_SHORT_TITLE_WIDTH // 2} Chinese characters: keep the words that name the question")
    for key, text in (("title", title), ("short_title", short_title)):
        problems.extend(Problem(shown, lines.get(key, 1), message, hint) for message, hint in title_problems(key, text))

    difficulty = meta.get("difficulty", 2)
    if type(difficulty) is not int or difficulty not in DIFFICULTY_NAMES:
        scale = ", ".join(f"{k} {v}" for k, v in DIFFICULTY_NAMES.items())
        report("difficulty", f"difficulty must be 1, 2 or 3, not {difficulty!r}", scale)
        difficulty = 2

    lists: dict[str, tuple[str, ...]] = {}
    for key in LIST_KEYS:
        values = _string_list(meta.get(key))
        if values is None:
            report(key, f"'{key}' must be a list of strings", f"write {key}: [a, b]")
            values = []
        lists[key] = tuple(v for v in values if v)
    for alias in lists["aliases"]:
        if TEX_MARKUP.search(alias):
            report("aliases", f"TeX markup in alias '{alias}'", PLAIN_TEXT_HINT)
    if len(lists["tags"]) > MAX_TAGS:
        report("tags", f"{len(lists['tags'])} tags; at most {MAX_TAGS}", "keep the most specific ones")
    for role in lists["roles"]:
        if role not in ROLES:
            report("roles", f"unknown role '{role}'", "roles are " + " / ".join(ROLES))

    if not doc.body.strip():
        problems.append(Problem(shown, doc.body_line, "empty answer",
                                "write the answer below the front matter, starting with **简答**："))
    return Question(
        id=qid, topic=topic, path=shown, title=title.strip(), short_title=short_title.strip(), body=doc.body, body_line=doc.body_line,
        difficulty=difficulty, aliases=lists["aliases"], tags=lists["tags"],
        companies=lists["companies"], roles=lists["roles"], related=lists["related"],
        key_lines=dict(lines),
    ), problems

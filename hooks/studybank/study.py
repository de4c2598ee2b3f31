"""What study mode in the browser loads besides its own scripts: the question list and ts-fsrs.

Study mode (docs/assets/javascripts/study/) needs every question to pick a random one, to
count progress and due reviews on the home page, to filter the tags page and to draw a mock
interview. This module builds that list from the Bank as assets/bank.js, a script that sets
window.studyBankData (a <script> loads from file:// too, where fetch() of a JSON file is
refused); the MkDocs hook only writes it out. Never committed: it is made at each build.
The review scheduler is npm ts-fsrs (pinned in package-lock.json), its browser build served as is.
"""
from __future__ import annotations

import json
import posixpath
from pathlib import Path

from .model import Bank, Question, Topic

BANK_SCRIPT = "assets/bank.js"
FORMAT_VERSION = 2
FSRS_BUILD = Path(__file__).resolve().parents[2] / "node_modules" / "ts-fsrs" / "dist" / "index.umd.js"
FSRS_SCRIPT = "assets/ts-fsrs/index.umd.js"
# Study mode's scripts (docs/assets/javascripts/study/), one file per feature, are served as one
# script, in this order: a page loads one file instead of nine before it is drawn.
STUDY_DIR = "assets/javascripts/study"
STUDY_PARTS = ("storage.js", "page.js", "selftest.js", "progress.js", "filters.js", "review.js", "mock.js",
               "navigate.js", "shortcuts.js")
STUDY_SCRIPT = f"{STUDY_DIR}/bundle.js"  # in the same folder: storage.js finds the site root from it


def study_script(docs_dir: Path) -> str:
    """The study scripts joined in STUDY_PARTS order, each under a comment naming its file."""
    parts = [f"/* ---- {name} ---- */\n" + (docs_dir / STUDY_DIR / name).read_text(encoding="utf-8").rstrip() + "\n"
             for name in STUDY_PARTS]
    return "/* Study mode: docs/assets/javascripts/study/*.js joined by studybank.study at build time. */\n" + "".join(parts)


def page_url(page_path: str, directory_urls: bool = True) -> str:
    """The URL of a generated page relative to the site root, as MkDocs writes it.

    `basics/attention.md` → `basics/attention/` (or `basics/attention.html` without
    directory URLs); `basics/index.md` → `basics/`.
    """
    stem, _ = posixpath.splitext(page_path)
    folder, name = posixpath.split(stem)
    if name == "index":
        return f"{folder}/" if folder else ""
    if directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def question_entry(q: Question) -> dict:
    """What study mode needs of a question; its URL follows `question_url` (kept short: every
    page loads this list)."""
    entry = {"id": q.id, "title": q.title, "topic": q.topic, "difficulty": q.difficulty, "tags": list(q.tags)}
    if q.companies:
        entry["companies"] = list(q.companies)
    return entry


def topic_entry(topic: Topic, directory_urls: bool = True) -> dict:
    return {"slug": topic.slug, "title": topic.title, "url": page_url(topic.page_path, directory_urls),
            "count": len(topic.questions)}


def bank_index(bank: Bank, directory_urls: bool = True) -> dict:
    """Topics and questions in site order; URLs relative to the site root. A question's URL is
    `question_url` with its topic and id filled in."""
    return {"version": FORMAT_VERSION,
            "question_url": page_url("{topic}/{id}.md", directory_urls),
            "topics": [topic_entry(t, directory_urls) for t in bank.topics],
            "questions": [question_entry(q) for q in bank.questions]}


def bank_script(bank: Bank, directory_urls: bool = True) -> str:
    data = json.dumps(bank_index(bank, directory_urls), ensure_ascii=False, separators=(",", ":"))
    return f"window.studyBankData={data};\n"

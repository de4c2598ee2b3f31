"""Helpers for the study-mode browser tests: the real bank, and pages with study.js set up."""
from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from playwright.sync_api import Page

from studybank.load import load_bank
from studybank.study import page_url

TOOLBAR = ".study-toolbar"
READY = "article[data-study-ready]"  # the study scripts have set the page up
ROOT = Path(__file__).resolve().parents[2]
SHORT = "article p:has(> strong:text-is('简答'))"  # a question page's 简答 paragraph


@functools.cache
def bank():
    loaded, _ = load_bank(ROOT / "content")
    return loaded


def url_of(site_url: str, q) -> str:
    return site_url + page_url(q.page_path)


def open_study(page: Page, url: str) -> Page:
    """Open a page and wait until the study scripts have set it up."""
    page.goto(url)
    page.wait_for_selector(READY, state="attached")
    return page


def page_errors(page: Page) -> list:
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    return errors


def visible_ids(page: Page) -> list[str]:
    """Question ids of the topic-list entries a reader can see."""
    return page.locator(".qa-list li:visible a.qa-link").evaluate_all("links => links.map(a => a.dataset.qid)")


def topic_with_variety():
    """The topic with the most questions, and a difficulty, tag and company that each pick some but not all."""
    topic = max(bank().topics, key=lambda t: len(t.questions))
    n = len(topic.questions)

    def partial(counter: Counter):
        return next((value for value, count in counter.most_common() if 0 < count < n), None)

    difficulty = partial(Counter(q.difficulty for q in topic.questions))
    tag = partial(Counter(t for q in topic.questions for t in q.tags))
    company = partial(Counter(c for q in topic.questions for c in q.companies))
    return topic, difficulty, tag, company


def enable_instant_navigation(page: Page, site_url: str) -> None:
    """Let Material's instant navigation work on the test server.

    Material only switches pages in place for addresses listed in sitemap.xml, which names
    the configured site_url (port 8000); the test server has another port. Serve the
    sitemap with the test server's address instead. Call before the first page load.
    """
    def rewrite(route):
        response = route.fetch()
        body = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{site_url}", response.text())
        route.fulfill(response=response, body=body)

    page.route("**/sitemap.xml", rewrite)

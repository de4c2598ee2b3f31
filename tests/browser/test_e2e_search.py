"""Search as a reader uses it: type into the box, read the first five results.

The queries and the question each must find are in search_queries.yml. When one fails, fix
the index (jieba words in hooks/studybank/search.py, the separator and boosts in mkdocs.yml,
the hidden search terms in hooks/studybank/pages.py, tag synonyms in content/tags.yml and
glossary terms' `related` in content/glossary.yml), not the query.

Material's worker rewrites a Chinese query before searching: it cuts each Han run into
prefixes of words in the index (never looking at the run's last character) and gives every
term a trailing wildcard, so 词嵌入 searches 词* and 掩码语言模型 searches 掩码* 语言*.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from e2e import bank, question_url, site_path, tab

QUERIES: dict[str, str] = yaml.safe_load((Path(__file__).with_name("search_queries.yml")).read_text(encoding="utf-8"))
TOP = 5
HAN = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")

# Counts the messages to and from the search worker, so a test knows when the worker has
# answered the last query (every keystroke sends one) instead of guessing with a timeout.
COUNT_WORKER_MESSAGES = """
(() => {
  const Native = window.Worker;
  window.__searchMessages = { sent: 0, answered: 0 };
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => { window.__searchMessages.answered++; });
    }
    postMessage(...args) {
      window.__searchMessages.sent++;
      return super.postMessage(...args);
    }
  };
})();
"""
WORKER_IDLE = """sentBefore => window.__searchMessages.sent > sentBefore
                              && window.__searchMessages.sent === window.__searchMessages.answered"""


@pytest.fixture(scope="module")
def search(browser, site_url):
    """The home page with the search box focused and the index loaded."""
    with tab(browser) as page:
        page.add_init_script(COUNT_WORKER_MESSAGES)
        page.goto(site_url)
        page.locator("input.md-search__input").click()
        page.wait_for_function(WORKER_IDLE, arg=0)  # the worker has loaded the index
        yield page


def type_query(page, text: str) -> None:
    """Enter a query the way an input method commits it: the text at once, then the keyup
    that confirms it (Material listens for keyup; an IME commit sends no key events).

    Letters typed one by one would search once per key: only the last search is what the
    reader reads, and with a few hundred queries the intermediate ones cost minutes.
    """
    box = page.locator("input.md-search__input")
    if box.input_value():
        box.press("Control+A")
        box.press("Backspace")
    sent = page.evaluate("() => window.__searchMessages.sent")
    page.keyboard.insert_text(text)
    box.dispatch_event("keyup")
    page.wait_for_function(WORKER_IDLE, arg=sent)  # the worker answered the whole query
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''")


def top_results(page, site_url: str) -> list[str]:
    """Pages of the first results (one per page: a page's sections are grouped under it)."""
    hrefs = page.locator("li.md-search-result__item").evaluate_all(
        "items => items.map(li => li.querySelector('a').href)")
    return [site_path(h, site_url) for h in hrefs][:TOP]


def test_query_list_is_long_and_mixed():
    assert len(QUERIES) >= 20
    kinds = {("han" if HAN.search(q) else "") + ("latin" if LATIN.search(q) else "") for q in QUERIES}
    assert kinds == {"han", "latin", "hanlatin"}  # Chinese, English, and mixed
    missing = [qid for qid in QUERIES.values() if bank().question(qid) is None]
    assert not missing, f"search_queries.yml names questions that are not in content/: {missing}"


@pytest.mark.parametrize("query, qid", QUERIES.items(), ids=list(QUERIES))
def test_query_finds_its_question_in_the_top_5(search, site_url, query, qid):
    type_query(search, query)
    results = top_results(search, site_url)
    assert question_url(qid) in results, f"{query!r}: {qid} is not in the top {TOP}: {results}"

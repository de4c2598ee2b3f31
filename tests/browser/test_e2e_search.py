"""Search as a reader uses it: type into the box, read the first results.

search_queries.yml lists queries and the question each must find: `names` (what a subject is
called), `subjects` (newer subjects, briefly) and `asked` (full questions, paraphrases and
symptoms, the way readers type). Ranking is measured over all of them: hit@5 (the question is
among the first five) and MRR (mean of 1 / its rank). When ranking drops, fix the index
(hooks/studybank/searchindex.py, tag synonyms in content/tags.yml, glossary terms' `related`)
or the ranking (docs/assets/javascripts/search/query.js), not the queries.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from e2e import ROOT, artifact, bank, question_url, site_path, tab

GROUPS: dict[str, dict[str, str]] = yaml.safe_load(
    Path(__file__).with_name("search_queries.yml").read_text(encoding="utf-8"))
QUERIES = {query: qid for group in GROUPS.values() for query, qid in group.items()}
TOP = 5
HIT_AT_5, MRR = 0.95, 0.8
HAN = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
TEX_COMMAND = re.compile(r"\\[A-Za-z]{2,}|\$")

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
    """The home page with the search box focused and the worker ready."""
    with tab(browser) as page:
        page.add_init_script(COUNT_WORKER_MESSAGES)
        page.goto(site_url)
        page.locator("input.md-search__input").click()
        page.wait_for_function(WORKER_IDLE, arg=0)  # the worker has answered the setup
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


def shown_results(page, site_url: str) -> list[dict]:
    """The results as shown: each page's address and its preview's text."""
    items = page.locator("li.md-search-result__item").evaluate_all("""items => items.map(li => ({
        href: li.querySelector('a').href,
        preview: [...li.querySelectorAll('article')].map(a => a.innerText).join(' ')}))""")
    return [{"path": site_path(i["href"], site_url), "preview": i["preview"]} for i in items]


@pytest.fixture(scope="module")
def answers(search, site_url) -> dict[str, list[dict]]:
    """Every query of search_queries.yml typed once, with what the reader sees."""
    return {query: (type_query(search, query), shown_results(search, site_url))[1] for query in QUERIES}


def listing_paths() -> set[str]:
    b = bank()
    return {"", "tags/", "glossary/", "guide/", "contributing/"} | {f"{t.slug}/" for t in b.topics}


def test_query_list_is_long_and_reads_like_readers():
    assert len(QUERIES) >= 150
    assert len(GROUPS["asked"]) >= len(QUERIES) / 3  # full questions, paraphrases, symptoms
    assert sum(1 for q in QUERIES if LATIN.search(q) and not HAN.search(q)) >= 40  # English
    assert any(HAN.search(q) and LATIN.search(q) for q in QUERIES)  # and mixed
    missing = [qid for qid in QUERIES.values() if bank().question(qid) is None]
    assert not missing, f"search_queries.yml names questions that are not in content/: {missing}"


def test_ranking_reaches_hit_at_5_and_mrr(answers, capsys):
    ranks = {}
    for query, qid in QUERIES.items():
        paths = [r["path"] for r in answers[query]]
        ranks[query] = paths.index(question_url(qid)) + 1 if question_url(qid) in paths else None
    hit = sum(1 for r in ranks.values() if r and r <= TOP) / len(ranks)
    mrr = sum(1 / r for r in ranks.values() if r) / len(ranks)
    below_first = [f"  {r or '-':>3}  {q}  →  {QUERIES[q]}" for q, r in ranks.items() if r != 1]
    summary = (f"search: {len(ranks)} queries, hit@5 {hit:.3f}, MRR {mrr:.3f}; "
               f"answer not first for {len(below_first)}")
    report = summary + " (rank, query, answer):\n" + "\n".join(below_first)
    artifact("search-ranking.txt").write_text(report + "\n", encoding="utf-8")
    with capsys.disabled():  # the figures show in every run, passing or not
        print(f"\n{summary}, listed in {artifact('search-ranking.txt').relative_to(ROOT)}")
    assert hit >= HIT_AT_5 and mrr >= MRR, report


def test_listing_pages_never_outrank_a_question_named_by_the_query(answers):
    listing, wrong = listing_paths(), []
    squash = lambda text: re.sub(r"\s+", "", text).lower()  # noqa: E731
    for query, qid in QUERIES.items():
        q = bank().question(qid)
        if not any(squash(query) in squash(name) for name in (q.title, *q.aliases)):
            continue
        paths = [r["path"] for r in answers[query]]
        above = paths[:paths.index(question_url(qid))] if question_url(qid) in paths else paths
        wrong += [f"{query}: {p}" for p in above if p in listing]
    assert not wrong, "listing pages rank above the question the query names:\n" + "\n".join(wrong)


def test_previews_show_readable_text_without_tex_or_hidden_keywords(answers):
    kl = bank().question("kl-divergence")
    english = bank().tags["KL散度"] if "KL散度" in bank().tags else "KL divergence"
    bad = [f"{query}: {r['preview'][:120]}" for query, results in answers.items() for r in results[:TOP]
           if TEX_COMMAND.search(r["preview"])]
    assert not bad, "previews show TeX:\n" + "\n".join(bad[:20])
    first = answers["KL散度"][0]
    assert first["path"] == question_url(kl.id) and english not in first["preview"]


QUERY_JS = ROOT / "docs" / "assets" / "javascripts" / "search" / "query.js"


@pytest.fixture(scope="module")
def query_js(browser):
    """query.js loaded into a blank page, as the worker loads it."""
    with tab(browser) as page:
        page.add_script_tag(path=str(QUERY_JS))
        yield page


def parse(page, text: str, words: list[str]) -> dict[str, bool]:
    """term → whether it may match longer words by prefix."""
    terms = page.evaluate("([text, words]) => self.bankSearchQuery.parse(text, new Set(words))", [text, words])
    return {t["term"]: t["prefix"] for t in terms}


def test_short_english_words_and_dictionary_words_match_only_themselves(query_js):
    assert parse(query_js, "why divide by sqrt dk", []) == {
        "why": False, "divide": True, "by": False, "sqrt": True, "dk": False}
    assert parse(query_js, "PPO DPO 区别", ["区别", "区间"]) == {"ppo": True, "dpo": True, "区别": False}
    # a piece the index has no word for may still start one: 旋转位 finds 位置
    assert parse(query_js, "旋转位", ["旋转", "位置"]) == {"旋转": False, "位": True}
    assert parse(query_js, "多查询注意力", ["多", "查询", "注意", "注意力", "多查询注意力"]) == {"多查询注意力": False}
    assert parse(query_js, "pass^k 8/3 stage 1", []) == {
        "pass": True, "k": False, "8": False, "3": False, "stage": True, "1": False}


def test_a_page_matching_every_term_ranks_above_pages_matching_some(query_js):
    order = query_js.evaluate("""() => {
        const terms = self.bankSearchQuery.weigh(self.bankSearchQuery.parse("ppo dpo", new Set()), () => 1, 10);
        const found = [
          { id: "one term, high score", score: 50, queryTerms: ["ppo"], kind: "question" },
          { id: "both terms", score: 2, queryTerms: ["ppo", "dpo"], kind: "question" },
          { id: "both terms, listing", score: 40, queryTerms: ["ppo", "dpo"], kind: "listing" },
        ];
        return self.bankSearchQuery.rank(found, terms).map(r => r.id);
    }""")
    assert order == ["both terms", "both terms, listing", "one term, high score"]


def test_the_index_loads_when_the_search_box_opens_not_with_the_page(browser, site_url):
    with tab(browser) as page:
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_url + question_url("kl-divergence"))
        page.wait_for_load_state("networkidle")
        assert not [url for url in requested if "bank_index" in url or "minisearch" in url]
        with page.expect_request("**/search/bank_index.js"):
            page.locator("input.md-search__input").click()

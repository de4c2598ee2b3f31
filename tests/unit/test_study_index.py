"""assets/bank.js: the question list study mode uses for random questions, progress, filters,
due reviews and mock interviews, as a script that sets window.studyBankData."""
import json

from studybank.load import load_bank
from studybank.study import BANK_SCRIPT, FSRS_BUILD, FSRS_SCRIPT, bank_index, bank_script, page_url

PREFIX = "window.studyBankData="


def script_data(text: str):
    assert text.startswith(PREFIX) and text.endswith(";\n")
    return json.loads(text[len(PREFIX):-2])


def test_page_urls_match_mkdocs_directory_and_file_urls():
    assert page_url("basics/attention.md") == "basics/attention/"
    assert page_url("basics/index.md") == "basics/"
    assert page_url("index.md") == ""
    assert page_url("basics/attention.md", directory_urls=False) == "basics/attention.html"
    assert page_url("basics/index.md", directory_urls=False) == "basics/"


def test_index_lists_every_question_in_site_order_with_what_filters_need(bank_copy):
    bank, _ = load_bank(bank_copy)
    index = bank_index(bank)
    assert [q["id"] for q in index["questions"]] == ["attention", "multi-head", "softmax"]
    assert index["question_url"] == "{topic}/{id}/"
    assert index["questions"][0] == {
        "id": "attention", "title": "什么是注意力机制？", "topic": "basics",
        "difficulty": 1, "tags": ["注意力机制"], "companies": ["字节"]}
    assert "companies" not in index["questions"][2]  # left out when empty: every page loads the list
    assert bank_index(bank, directory_urls=False)["question_url"] == "{topic}/{id}.html"
    assert index["topics"] == [
        {"slug": "basics", "title": "基础", "url": "basics/", "count": 2},
        {"slug": "math", "title": "数学", "url": "math/", "count": 1}]


def test_script_is_compact_utf8_and_round_trips(bank_copy):
    bank, _ = load_bank(bank_copy)
    text = bank_script(bank)
    assert "注意力" in text and "\\u" not in text and ": " not in text
    assert script_data(text) == bank_index(bank)


def test_built_site_serves_the_list_and_the_scheduler_and_every_url_is_a_page(real_site):
    # ts-fsrs's browser build, served as npm installed it (the version package-lock.json pins)
    assert (real_site / FSRS_SCRIPT).read_bytes() == FSRS_BUILD.read_bytes()
    assert "global.FSRS = {}" in FSRS_BUILD.read_text(encoding="utf-8")[:1000]
    index = script_data((real_site / BANK_SCRIPT).read_text(encoding="utf-8"))
    assert len(index["questions"]) == sum(t["count"] for t in index["topics"]) > 50
    urls = [index["question_url"].format(**q) for q in index["questions"]] + [t["url"] for t in index["topics"]]
    for url in urls:
        assert (real_site / url / "index.html").exists(), url

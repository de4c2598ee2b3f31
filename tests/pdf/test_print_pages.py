"""The Markdown of the print pages, without a build: what each sheet holds and hides."""
from __future__ import annotations

from pathlib import Path

import pytest

from studybank.load import load_bank
from studybank.markup import split_short_answer
from studybank.printing import KEY_HEADING, print_pages
from studybank.sheetanswers import slot

FIXTURE_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "bank" / "content"


@pytest.fixture(scope="module")
def bank():
    loaded, problems = load_bank(FIXTURE_CONTENT)
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def sheets(bank):
    return print_pages(bank, "2025-01-01", "abc1234")


def test_one_full_sheet_and_one_quiz_per_topic_and_the_bank(bank, sheets):
    expected = {f"print/{t.slug}{kind}.md" for t in bank.topics for kind in ("", "-quiz")}
    assert set(sheets) == expected | {"print/llm-interview-bank.md"}


def test_sheets_are_out_of_search_and_nav_chrome(sheets):
    for text in sheets.values():
        front = text.split("---", 2)[1]
        assert 'search: {"exclude": true}' in front and 'hide: ["navigation", "toc"]' in front
        assert 'data-version="abc1234"' in text and 'data-date="2025-01-01"' in text


def test_quiz_holds_each_short_answer_only_in_the_key(bank, sheets):
    for topic in bank.topics:
        quiz = sheets[f"print/{topic.slug}-quiz.md"]
        questions, key = quiz.split(f"# {KEY_HEADING}", 1)
        for q in topic.questions:
            short, rest = split_short_answer(q.body)
            assert short[:12] not in questions and short[:12] in key
            assert rest.strip().splitlines()[0] not in quiz  # no 详解 in the quiz at all


def test_a_full_sheet_has_a_slot_for_each_answer_in_order_and_converts_none_itself(bank, sheets):
    # the answers come from the question pages' HTML (tests/unit/test_sheet_answers.py)
    for topic in bank.topics:
        sheet = sheets[f"print/{topic.slug}.md"]
        places = [sheet.index(slot(q.id)) for q in topic.questions]
        assert places == sorted(places), topic.slug
        for q in topic.questions:
            assert split_short_answer(q.body)[0][:12] not in sheet, q.id


def test_whole_bank_page_is_only_the_cover_and_contents(bank, sheets):
    front = sheets["print/llm-interview-bank.md"]
    for topic in (t for t in bank.topics if t.questions):
        assert f'data-toc="t-{topic.slug}"' in front and f"](../{topic.page_path})" in front
        for q in topic.questions:
            assert f'data-toc="q-{q.id}"' in front and f"](../{q.page_path})" in front
            assert split_short_answer(q.body)[0][:12] not in front  # no answers: they print once, on the topic sheets

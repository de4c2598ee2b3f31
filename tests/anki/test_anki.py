"""The Anki deck (`make anki`): a .apkg is a zip holding the SQLite collection `collection.anki2`."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import genanki
import pytest

from studybank.anki import DECK_NAME, write_deck
from studybank.load import load_bank

ROOT = Path(__file__).resolve().parents[2]


def read_deck(apkg: Path) -> dict:
    """Notes (by GUID) and deck names as Anki would import them."""
    with zipfile.ZipFile(apkg) as archive:
        archive.extract("collection.anki2", apkg.parent / (apkg.stem + "-unzipped"))
    db = sqlite3.connect(apkg.parent / (apkg.stem + "-unzipped") / "collection.anki2")
    try:
        fields = [f["name"] for f in json.loads(db.execute("select models from col").fetchone()[0]).popitem()[1]["flds"]]
        decks = {int(k): v["name"] for k, v in json.loads(db.execute("select decks from col").fetchone()[0]).items()}
        notes = {}
        for guid, flds, tags in db.execute("select guid, flds, tags from notes"):
            note = dict(zip(fields, flds.split("\x1f")))
            note["tags"] = tags.split()
            notes[guid] = note
        card_decks = {guid: decks[did] for guid, did in
                      db.execute("select notes.guid, cards.did from cards join notes on cards.nid = notes.id")}
    finally:
        db.close()
    return {"notes": notes, "decks": decks, "card_decks": card_decks}


@pytest.fixture
def fixture_decks(bank_copy, tmp_path):
    bank, problems = load_bank(bank_copy)
    assert problems == []
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    write_deck(bank, first)
    write_deck(bank, second)
    return bank, read_deck(first), read_deck(second)


def test_one_note_per_question_with_guid_from_its_id(fixture_decks):
    bank, deck, _ = fixture_decks
    assert len(deck["notes"]) == len(bank.questions) == 3
    assert set(deck["notes"]) == {genanki.guid_for(q.id) for q in bank.questions}
    assert {n["Id"] for n in deck["notes"].values()} == {q.id for q in bank.questions}


def test_two_builds_give_the_same_guids_and_deck_ids(fixture_decks):
    _, first, second = fixture_decks
    assert set(first["notes"]) == set(second["notes"])
    assert first["decks"] == second["decks"]  # ids derived from the topic slugs


def test_each_topic_is_a_subdeck(fixture_decks):
    _, deck, _ = fixture_decks
    by_id = {n["Id"]: g for g, n in deck["notes"].items()}
    assert deck["card_decks"][by_id["attention"]] == f"{DECK_NAME}::01 基础"
    assert deck["card_decks"][by_id["multi-head"]] == f"{DECK_NAME}::01 基础"
    assert deck["card_decks"][by_id["softmax"]] == f"{DECK_NAME}::02 数学"


def test_front_has_title_difficulty_tags_and_back_the_answer(fixture_decks):
    _, deck, _ = fixture_decks
    note = deck["notes"][genanki.guid_for("multi-head")]
    assert note["Title"] == "多头注意力有什么用？"
    assert note["Difficulty"] == "★★☆ 进阶"
    assert note["Tags"] == "注意力机制 · 多头注意力"
    assert note["tags"] == ["注意力机制", "多头注意力"]
    assert note["Short"].startswith("<p><strong>简答</strong>：多个头在不同子空间里")
    assert "<h2>详解</h2>" in note["Detail"]


def test_math_becomes_mathjax_delimiters_and_code_stays_code(fixture_decks):
    _, deck, _ = fixture_decks
    attention = deck["notes"][genanki.guid_for("attention")]["Detail"]
    assert r"\(\mathrm{softmax}(QK^\top/\sqrt{d_k})\)" in attention
    assert r"<p>\[\mathrm{Attention}(Q,K,V)=\mathrm{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right)V\]</p>" in attention
    softmax = deck["notes"][genanki.guid_for("softmax")]["Detail"]
    assert r"\[p_i=\frac{e^{z_i-\max_j z_j}}{\sum_k e^{z_k-\max_j z_j}}\]" in softmax
    assert '<code class="language-python">print("$x^2$")</code>' in softmax  # a dollar in code is not math
    assert "「注意力权重」" in softmax  # [[attention|注意力权重]] as plain text: cards cannot follow links
    for note in deck["notes"].values():
        text = note["Short"] + note["Detail"]
        assert "$`" not in text and "```" not in text and "[[" not in text


def test_make_anki_command_packs_the_real_bank(tmp_path):
    """What `make anki` runs, on the real content: every question, a subdeck per topic."""
    out = tmp_path / "llm-interview-bank.apkg"
    result = subprocess.run([sys.executable, "-m", "studybank.anki", str(ROOT / "content"), str(out)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr
    bank, _ = load_bank(ROOT / "content")
    deck = read_deck(out)
    assert len(deck["notes"]) == len(bank.questions)
    assert set(deck["card_decks"].values()) == {f"{DECK_NAME}::{i:02d} {t.title}" for i, t in enumerate(bank.topics, 1)
                                                 if t.questions}
    assert all("$`" not in n["Detail"] for n in deck["notes"].values())
    assert sum(r"\[" in n["Detail"] for n in deck["notes"].values()) > len(bank.questions) // 2


def test_a_broken_bank_writes_no_deck(bank_copy, tmp_path):
    (bank_copy / "basics" / "attention.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    out = tmp_path / "deck.apkg"
    result = subprocess.run([sys.executable, "-m", "studybank.anki", str(bank_copy), str(out)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 1 and "attention.md" in result.stderr
    assert not out.exists()


def test_home_page_and_guide_link_the_deck_at_the_site_root(real_site):
    for page, href in (("index.html", "llm-interview-bank.apkg"), ("guide/index.html", "../llm-interview-bank.apkg")):
        text = (real_site / page).read_text(encoding="utf-8")
        assert f'<a href="{href}" download>' in text, page


def run_anki(*args):
    return subprocess.run([sys.executable, "-m", "studybank.anki", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})


@pytest.mark.parametrize("damage, expected", [
    # a second file with the same id would give two notes one GUID, which Anki merges
    (lambda c: (c / "math/attention.md").write_text((c / "basics/attention.md").read_text(encoding="utf-8"),
                                                    encoding="utf-8"), "duplicate question id 'attention'"),
    (lambda c: c.joinpath("math/softmax.md").write_text(
        c.joinpath("math/softmax.md").read_text(encoding="utf-8").replace("related: [attention]", "related: [nope]"),
        encoding="utf-8"), "unknown related id 'nope'"),
    (lambda c: c.joinpath("math/softmax.md").write_text(
        c.joinpath("math/softmax.md").read_text(encoding="utf-8").replace(r"\frac{e^{z_i", r"\frac{e^{z_i}}}"),
        encoding="utf-8"), "KaTeX cannot parse"),
])
def test_anki_refuses_what_the_build_refuses(bank_copy, tmp_path, damage, expected):
    damage(bank_copy)
    out = tmp_path / "deck.apkg"
    result = run_anki(bank_copy, out)
    assert result.returncode == 1 and expected in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_anki_names_a_missing_bank_and_an_output_folder_in_one_line(bank_copy, tmp_path):
    missing = run_anki(tmp_path / "nowhere", tmp_path / "deck.apkg")
    assert missing.returncode == 2 and missing.stderr.strip() == f"error: {tmp_path / 'nowhere'}: not a question bank (no topics.yml)"
    folder = run_anki(bank_copy, tmp_path)
    assert folder.returncode == 2 and folder.stderr.strip().startswith(f"error: {tmp_path} is a folder;")


def test_titles_on_cards_and_in_links_are_text_as_written(bank_copy, tmp_path):
    attention = bank_copy / "basics/attention.md"
    attention.write_text(attention.read_text(encoding="utf-8").replace(
        "title: 什么是注意力机制？", "title: '<eos> 与 *星号* 是什么？'"), encoding="utf-8")
    multi_head = bank_copy / "basics/multi-head.md"
    multi_head.write_text(multi_head.read_text(encoding="utf-8") + "\n另见 [[attention]]。\n", encoding="utf-8")
    bank, problems = load_bank(bank_copy)
    assert problems == []
    write_deck(bank, tmp_path / "deck.apkg")
    notes = {n["Id"]: n for n in read_deck(tmp_path / "deck.apkg")["notes"].values()}
    assert notes["attention"]["Title"] == "&lt;eos&gt; 与 *星号* 是什么？"
    assert "「&lt;eos&gt; 与 *星号* 是什么？」" in notes["multi-head"]["Detail"]

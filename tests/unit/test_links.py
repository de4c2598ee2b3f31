"""Cross-links: [[id]] in answers, and the 相关问题 of each question."""
import posixpath

from studybank.links import link_answer, relate, relative_link
from studybank.load import load_bank


def test_wiki_links_become_relative_markdown_links(bank_copy):
    bank, _ = load_bank(bank_copy)
    attention = link_answer(bank.question("attention"), bank.by_id())
    assert "[多头注意力有什么用？](multi-head.md)" in attention
    softmax = link_answer(bank.question("softmax"), bank.by_id())
    assert "[注意力权重](../basics/attention.md)" in softmax


def test_links_inside_code_are_left_alone(bank_copy):
    path = bank_copy / "math/softmax.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n```text\n[[attention]]\n```\n", encoding="utf-8")
    bank, _ = load_bank(bank_copy)
    assert "\n[[attention]]\n" in link_answer(bank.question("softmax"), bank.by_id())


def test_related_has_explicit_backlinks_and_shared_tags(bank_copy):
    bank, _ = load_bank(bank_copy)
    related = relate(bank)
    attention = related["attention"]
    assert [q.id for q in attention.explicit] == ["softmax"]
    # softmax lists attention in `related` too, so it is not repeated as a backlink
    assert attention.backlinks == []
    assert [q.id for q in attention.shared_tags] == ["multi-head"]
    multi_head = related["multi-head"]
    assert [q.id for q in multi_head.backlinks] == ["attention"]  # via [[multi-head]] in the answer
    assert multi_head.shared_tags == []  # attention is already a backlink


def test_relative_links_are_what_relpath_gives_between_any_two_pages():
    paths = ["index.md", "tags.md", "guide/index.md", "basics/index.md", "basics/attention.md",
             "basics/attention/index.md", "scaling/laws.md", "a/b/c.md", "a/b/d.md", "a/x.md", "a/b.md"]
    for source in paths:
        for target in paths:
            expected = posixpath.relpath(target, posixpath.dirname(source) or ".")
            assert relative_link(source, target) == expected, (source, target)

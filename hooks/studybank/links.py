"""Links between questions: [[id]] in answers, and the 相关问题 of each question."""
from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from .markup import escape, replace_wiki_links, scan, wiki_links
from .model import Bank, Question

SHARED_TAG_LIMIT = 5


def relative_link(from_page: str, to_page: str) -> str:
    """A Markdown link target from one generated page to another (MkDocs resolves .md).

    Both are normalised paths of files in docs/ ("topic/id.md"), so this is posixpath.relpath
    without its absolute-path round trips, which took a third of making the pages."""
    folders, target = from_page.split("/")[:-1], to_page.split("/")
    shared = 0
    while shared < min(len(folders), len(target) - 1) and folders[shared] == target[shared]:
        shared += 1
    return "/".join([".."] * (len(folders) - shared) + target[shared:])


def link_text(markdown: str, from_page: str, by_id: dict[str, Question]) -> str:
    """`markdown` with every [[id]] turned into a link, relative to the page it lands on."""

    def render(qid: str, text: str | None) -> str:
        target = by_id.get(qid)
        if target is None:  # already reported by validation; leave it readable
            return text or qid
        return f"[{text or escape(target.title)}]({relative_link(from_page, target.page_path)})"

    return replace_wiki_links(markdown, render)


def link_answer(q: Question, by_id: dict[str, Question]) -> str:
    """The answer body with every [[id]] turned into a Markdown link to that question."""
    return link_text(q.body, q.page_path, by_id)


@dataclass
class Related:
    explicit: list[Question]
    backlinks: list[Question]
    shared_tags: list[Question]

    def __bool__(self) -> bool:
        return bool(self.explicit or self.backlinks or self.shared_tags)


def outgoing(q: Question) -> list[str]:
    """Ids this question points at: its `related` list, then its [[links]] in order."""
    prose, _ = scan(q.body, q.body_line)
    ids = list(q.related) + [link.target for link in wiki_links(prose)]
    return list(dict.fromkeys(i for i in ids if i != q.id))


def relate(bank: Bank) -> dict[str, Related]:
    """For every question: explicit `related`, backlinks, and neighbours by shared tags."""
    by_id = bank.by_id()
    pointed_at_by: dict[str, list[Question]] = {}
    for q in bank.questions:
        for target in outgoing(q):
            pointed_at_by.setdefault(target, []).append(q)
    by_tag: dict[str, list[str]] = {}
    for q in bank.questions:
        for tag in q.tags:
            by_tag.setdefault(tag, []).append(q.id)
    result = {}
    for q in bank.questions:
        explicit = [by_id[i] for i in q.related if i in by_id and i != q.id]
        seen = {q.id} | {o.id for o in explicit}
        backlinks = [o for o in pointed_at_by.get(q.id, []) if o.id not in seen]
        seen |= {o.id for o in backlinks}
        shared = Counter(chain.from_iterable(by_tag[tag] for tag in q.tags))
        for i in seen:
            del shared[i]
        result[q.id] = Related(explicit, backlinks, [by_id[i] for i in _most_shared(q, shared, by_id)])
    return result


def _most_shared(q: Question, shared: Counter[str], by_id: dict[str, Question]) -> list[str]:
    """The SHARED_TAG_LIMIT ids sharing most tags with q; ties: same topic, then nearest
    difficulty, then id. Broad tags give thousands of candidates: only those sharing as many
    tags as the last one kept are ranked on the rest."""
    if not shared:
        return []
    least = min(heapq.nlargest(SHARED_TAG_LIMIT, shared.values()))
    return heapq.nsmallest(SHARED_TAG_LIMIT, (i for i, n in shared.items() if n >= least), key=lambda i: (
        -shared[i], by_id[i].topic != q.topic, abs(by_id[i].difficulty - q.difficulty), i))

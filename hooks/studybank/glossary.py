"""Glossary definitions shown on hover: Markdown abbreviations for Material's tooltips."""
from __future__ import annotations

import functools
import re

from .model import Term

# Python-Markdown's abbreviations match whole words (\b…\b). Between two Han characters
# there is no word boundary, so a Chinese term inside a sentence would only match now and
# then; the tooltips therefore use the Latin names (LLM, RoPE, KV Cache, FlashAttention…),
# which is how these terms appear in the answers anyway.
TECHNICAL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9\- ]*$")
MIN_CAPITALS = 2  # acronyms and CamelCase names, not everyday words such as Token or Prompt


@functools.cache  # asked for every question of every build; a term is a frozen value
def tooltip_names(term: Term) -> tuple[str, ...]:
    names = [n for n in (term.abbr, term.term) if n and TECHNICAL_NAME.match(n)]
    return tuple(n for n in dict.fromkeys(names) if sum(c.isupper() for c in n) >= MIN_CAPITALS)


def tooltip_text(term: Term) -> str:
    english = f"（{term.en}）" if term.en else ""
    return f"{term.term}{english}：{term.definition}"


@functools.cache
def whole_name(name: str) -> re.Pattern:
    """`name` not inside a longer Latin word; compiled once per build (the glossary has more
    names than `re` keeps compiled, so inline patterns were compiled anew for every page)."""
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])")


def abbreviations(terms: list[Term], text: str) -> str:
    """Abbreviation definitions for the glossary names that occur in `text`."""
    return _abbreviations(tuple(terms), text)


@functools.lru_cache(maxsize=4096)  # a rebuild asks again for every question; few answers change
def _abbreviations(terms: tuple[Term, ...], text: str) -> str:
    lines = []
    for term in terms:
        for name in tooltip_names(term):
            # the plain substring test first: most names are absent, and it is far cheaper
            if name in text and whole_name(name).search(text):
                lines.append(f"*[{name}]: {tooltip_text(term)}")
    return "\n".join(lines)

"""Words jieba must keep whole when Material's search segments Chinese text.

Material's search cuts Han runs with jieba when building the index; the browser then
segments a query against the index's own vocabulary. A term jieba would split
(旋转 / 位置 / 编码) is therefore never found as a whole: the bank's tags and glossary
terms are added to jieba's dictionary before any page is indexed.
"""
from __future__ import annotations

import re

from .memo import digest
from .model import Bank

HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
# The words this process keeps whole. jieba keeps them for the life of the process, and they
# and its default dictionary decide how text is cut: a cut text can be reused while this key
# stays the same.
ADDED: set[str] = set()
DICTIONARY_KEY = digest()
_IN_JIEBA: set[str] = set()  # of ADDED, the words jieba has been given so far


def dictionary_words(bank: Bank) -> list[str]:
    names = list(bank.tags) + [t.term for t in bank.glossary]
    return sorted({run for name in names for run in HAN_RUN.findall(name)})


def add_to_jieba(words: list[str]) -> None:
    """Keep `words` whole from now on. jieba itself gets them when it is first needed
    (jieba_with_words): loading its dictionary takes seconds, and a build whose cut text is
    all reused never needs it."""
    global DICTIONARY_KEY
    new = set(words) - ADDED
    if new:
        ADDED.update(new)
        DICTIONARY_KEY = digest(*sorted(ADDED))


def jieba_with_words():
    """jieba, with every word of add_to_jieba() in its dictionary."""
    import jieba  # imported here: the bank logic itself does not need it

    # once each, in order: a word added again gains frequency, so a rebuild under `mkdocs serve`
    # would cut text (and rank search results) differently from a fresh build
    for word in sorted(ADDED - _IN_JIEBA):
        jieba.add_word(word)
    _IN_JIEBA.update(ADDED)
    return jieba

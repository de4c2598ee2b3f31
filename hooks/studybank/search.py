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
# The words this process has added to jieba's dictionary. jieba keeps them for the life of the
# process, and they and its default dictionary decide how text is cut: a cut text can be
# reused while this key stays the same.
ADDED: set[str] = set()
DICTIONARY_KEY = digest()


def dictionary_words(bank: Bank) -> list[str]:
    names = list(bank.tags) + [t.term for t in bank.glossary]
    return sorted({run for name in names for run in HAN_RUN.findall(name)})


def add_to_jieba(words: list[str]) -> None:
    import jieba  # imported here: the bank logic itself does not need it

    global DICTIONARY_KEY
    # once each: a word added again gains frequency, so a rebuild under `mkdocs serve` would
    # cut text (and rank search results) differently from a fresh build
    new = sorted(set(words) - ADDED)
    for word in new:
        jieba.add_word(word)
    if new:
        ADDED.update(new)
        DICTIONARY_KEY = digest(*sorted(ADDED))

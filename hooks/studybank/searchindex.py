"""The search index the site's search worker reads (search/bank_index.js).

Material's own index is built from each page's HTML: it carries raw TeX, the hidden English
keywords, every related-question title and the listing pages' copies of the answers, and
its worker cuts a Chinese query into index prefixes. This index is built from the bank
instead, one entry per page, with fields the worker weighs differently (title, other
phrasings, tags and English names, headings, body) and a readable preview: the 简答 with
formulas as text (pylatexenc), never TeX.

Text is cut into words here, once, with jieba's search mode (a long word and the shorter
words inside it), so the browser only splits on spaces. The browser cuts a Chinese query
into the longest words of this index (docs/assets/javascripts/search/query.js).
"""
from __future__ import annotations

import json
import re
from typing import Callable

from pylatexenc import latex2text, latexwalker, macrospec

from . import forked, search
from .markup import CODE, FENCE, CLOSE, WIKI_LINK, split_short_answer, walk_fences
from .memo import Memo, digest
from .model import Bank, Question
from .study import page_url
from .katex import PROJECT

INDEX_JS = "search/bank_index.js"
MINISEARCH_DIST = PROJECT / "node_modules" / "minisearch" / "dist" / "umd" / "index.js"
PREVIEW_CHARS = 140

HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# a Han run, or a run of other letters and digits with decimals kept whole: fp8, llama3.1, 0.5
TOKEN = re.compile(r"[\u3400-\u9fff]+|[^\W_\u3400-\u9fff]+(?:\.\d+)*")
INLINE_MATH = re.compile(r"\$`(.+?)`\$")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]+>")
ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*\w+(?:\s+"([^"]*)")?\s*$')
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
HEADING = re.compile(r"^(#{2,6})\s+(.*)$")
MARKDOWN_MARKS = re.compile(r"\*\*|__|`|^\s*[>|]|\|\s*:?-{3,}:?|^\s*[-*+]\s|^\s*\d+\.\s|\{[.#][^}]*\}", re.M)

# pylatexenc's defaults, plus what the bank writes that they lack or run together
_FRACTIONS = ("tfrac", "dfrac")
_OPERATORS = ("log", "ln", "exp", "max", "min", "arg", "sin", "cos", "det", "lim", "Pr")
_parse_db = latexwalker.get_default_latex_context_db()
_parse_db.add_context_category("bank", prepend=True, macros=[
    macrospec.MacroSpec(name, "{{") for name in _FRACTIONS])
_text_db = latex2text.get_default_latex_context_db()
_text_db.add_context_category("bank", prepend=True, macros=[
    *(latex2text.MacroTextSpec(name, simplify_repl="%s/%s") for name in _FRACTIONS),
    *(latex2text.MacroTextSpec(name, simplify_repl=f"{name} ") for name in _OPERATORS),
    latex2text.MacroTextSpec("|", simplify_repl="‖"),
])
_latex = latex2text.LatexNodes2Text(math_mode="text", latex_context=_text_db)


TEX_TEXT: Memo[str] = Memo()  # pylatexenc is slow, and a rebuild meets the same formulas


def tex_text(tex: str) -> str:
    """A formula as a reader would read it aloud-ish: \\sqrt{d_k} → √(d_k), \\frac{a}{b} → a/b."""
    return TEX_TEXT.get(tex, lambda: _tex_text(tex))


def _tex_text(tex: str) -> str:
    try:
        nodes = latexwalker.LatexWalker(tex, latex_context=_parse_db).get_latex_nodes()[0]
        return " ".join(_latex.nodelist_to_text(nodes).split())
    except Exception:  # noqa: BLE001 — pylatexenc raises bare errors on TeX it cannot parse
        return ""


def plain_text(markdown: str, titles: dict[str, str], with_formulas: bool) -> tuple[str, list[str]]:
    """Readable text of a Markdown body (no code blocks) and its headings; formulas as text, or
    left out where only the words count (converting all of them would double the build time)."""
    lines, headings = [], []
    math: list[str] | None = None
    for line, kind in walk_fences(markdown):
        if kind == FENCE:
            math = [] if "math" in line else None
        elif kind == CODE:
            if math is not None:
                math.append(line)
        elif kind == CLOSE:
            if math and with_formulas:
                lines.append(tex_text("\n".join(math)))
            math = None
        elif heading := HEADING.match(line):
            headings.append(heading.group(2).strip())
        elif admonition := ADMONITION.match(line):
            lines.append(admonition.group(1) or "")
        else:
            lines.append(line)
    text = "\n".join(lines)
    text = INLINE_MATH.sub(lambda m: tex_text(m.group(1)) if with_formulas else " ", text)
    text = WIKI_LINK.sub(lambda m: m.group(2) or titles.get(m.group(1).strip(), ""), text)
    text = MD_LINK.sub(r"\1", text)
    text = MARKDOWN_MARKS.sub(" ", HTML_TAG.sub(" ", text))
    return " ".join(text.split()), headings


# Cutting is most of the index's time. A rebuild cuts only new text, and a build cuts each
# run of Han characters once: a quarter of the bank's runs recur (术语, 为什么, 注意力…).
WORDS: Memo[str] = Memo()
RUN_WORDS: Memo[list[str]] = Memo()


def words(text: str) -> str:
    """The words of a text, lower case, space separated: what the browser indexes."""
    return WORDS.get(digest(search.DICTIONARY_KEY, text), lambda: cut(text))


def cut(text: str) -> str:
    out = []
    for token in TOKEN.findall(text.lower()):
        if HAN_RUN.fullmatch(token):
            out += RUN_WORDS.get(search.DICTIONARY_KEY + token, lambda: han_words(token))
        else:
            out.append(token)
    return " ".join(out)


def han_words(run: str) -> list[str]:
    return [w for w in search.jieba_with_words().cut_for_search(run, HMM=False) if HAN_RUN.fullmatch(w)]


def preview(text: str) -> str:
    return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS].rstrip() + "…"


def question_entry(q: Question, bank: Bank, titles: dict[str, str], directory_urls: bool) -> dict:
    short, rest = split_short_answer(q.body)
    short_text, _ = plain_text(short, titles, with_formulas=True)
    body_text, headings = plain_text(rest, titles, with_formulas=False)
    english = [bank.tags.get(tag) or "" for tag in q.tags]
    english += [f"{t.term} {t.abbr} {t.en}" for t in bank.glossary if q.id in t.related]
    return {
        "url": page_url(q.page_path, directory_urls),
        "title": q.title,
        "kind": "question",
        "tags": list(q.tags),
        "preview": preview(short_text),
        "fields": {
            "title": words(f"{q.title} {q.short_title}"),
            "aliases": words(" ".join(q.aliases)),
            "keywords": words(" ".join([*q.tags, *english])),
            "headings": words(" ".join(headings)),
            "body": words(f"{short_text} {body_text}"),
        },
    }


def listing_entry(url: str, title: str, text: str, headings: list[str] = ()) -> dict:
    """A page that lists or explains rather than answers: ranked below the questions."""
    return {
        "url": url,
        "title": title,
        "kind": "listing",
        "tags": [],
        "preview": preview(text),
        "fields": {"title": words(title), "aliases": "", "keywords": "",
                   "headings": words(" ".join(headings)), "body": words(text)},
    }


def search_index(bank: Bank, handwritten: list[tuple[str, str]], directory_urls: bool = True) -> dict:
    """Every question, topic page and hand-written page (url, Markdown). The glossary's terms
    are indexed with the questions they relate to: as one page it would match every query."""
    titles = {q.id: q.title for q in bank.questions}
    entries = [question_entry(q, bank, titles, directory_urls) for q in bank.questions]
    entries += [listing_entry(page_url(t.page_path, directory_urls), t.title, t.description) for t in bank.topics]
    for url, source in handwritten:
        markdown = FRONT_MATTER.sub("", source)
        title = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), url)
        text, headings = plain_text(markdown, titles, with_formulas=False)
        entries.append(listing_entry(url, title, text, headings))
    return {"docs": entries}


def bank_index_script(bank: Bank, handwritten: list[tuple[str, str]], directory_urls: bool = True) -> str:
    """The search worker's index script for the site, jieba knowing the bank's own words."""
    search.add_to_jieba(search.dictionary_words(bank))
    return index_script(search_index(bank, handwritten, directory_urls))


_pending: forked.Later | None = None


def bank_index_script_later(bank: Bank, handwritten: list[tuple[str, str]],
                            directory_urls: bool = True) -> Callable[[], str]:
    """bank_index_script(), waited for by calling the function returned. The first time in a
    process, when nothing is cut yet (loading jieba and cutting the bank: seconds of one core),
    it is made by a forked copy while this process goes on (forked.Later), and the copy's cut
    words come back with it, so that a rebuild here reuses them as if they were cut here."""
    global _pending
    if _pending is not None:  # from a build that stopped before it needed the index
        _pending.cancel()
        _pending = None
    if not WORDS.is_empty():
        script = bank_index_script(bank, handwritten, directory_urls)
        return lambda: script

    def work() -> tuple[str, dict, dict]:
        return bank_index_script(bank, handwritten, directory_urls), WORDS.made(), RUN_WORDS.made()

    later = _pending = forked.Later(work)

    def result() -> str:
        script, words_made, runs_made = later.result()
        search.add_to_jieba(search.dictionary_words(bank))  # the dictionary key the copy cut with
        WORDS.adopt(words_made)
        RUN_WORDS.adopt(runs_made)
        return script

    return result


def index_script(index: dict) -> str:
    """The index as a script: the worker loads it with importScripts, which also works from
    file:// (the offline copy), where fetch() of a JSON file is refused."""
    return "self.bankSearchIndex = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n"

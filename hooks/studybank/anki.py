"""The bank as an Anki deck: `python -m studybank.anki <content> <out.apkg>` (`make anki`).

One note per question. Front: the title, difficulty and tags. Back: the 简答, then the rest of
the answer (详解, 追问, 参考). Answers are rendered from Markdown to HTML with the `markdown`
package; formulas stay TeX for Anki's MathJax: $`…`$ becomes \\(…\\) and ```math fences become
\\[…\\]. Each note's GUID comes from the question id (genanki.guid_for), so importing a newer
deck updates the cards already in Anki instead of adding copies. Each topic is a subdeck with
an id derived from its slug, so the deck ids never change between builds either.
"""
from __future__ import annotations

import hashlib
import html
import re
import sys
from pathlib import Path

import genanki
import markdown
from markdown_katex.extension import BLOCK_START_RE, FENCE_RE, iter_inline_katex

from .check import checked_bank, is_bank
from .markup import SHORT_ANSWER_MARK, escape, replace_wiki_links, split_short_answer
from .model import Bank, Question, Topic

DECK_NAME = "大模型面试题库"
DEFAULT_FILE = "llm-interview-bank.apkg"
MARKDOWN_EXTENSIONS = ["tables", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
                       "pymdownx.superfences", "pymdownx.highlight", "pymdownx.betterem", "pymdownx.details"]
MARKDOWN_CONFIG = {"pymdownx.highlight": {"use_pygments": False}}
# Stands in for a formula while Markdown renders the text around it: letters and digits
# only, so no Markdown rule can touch it.
PLACEHOLDER = "ankimath{}x"
PLACEHOLDER_RE = re.compile(r"ankimath(\d+)x")

CARD_CSS = """\
.card { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 17px; line-height: 1.6; text-align: left; color: #1f2328; background: #fff;
  max-width: 46em; margin: 0 auto; padding: 0 .5em; }
.nightMode.card, .night_mode .card { color: #e6e6e6; background: #1e1e1e; }
.topic { font-size: 13px; color: #5c6370; }
.title { font-size: 21px; font-weight: 600; margin: .2em 0; }
.meta { font-size: 14px; color: #5c6370; }
.short { background: rgba(63, 81, 181, .08); border-left: 4px solid #3f51b5; padding: .4em .8em; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #bbb; padding: .2em .5em; }
pre { overflow-x: auto; background: rgba(127, 127, 127, .12); padding: .5em; }
.admonition { border-left: 4px solid #ff9100; padding: .2em .8em; background: rgba(255, 145, 0, .08); }
.admonition-title { font-weight: 600; margin: .3em 0; }
"""
FRONT = """<div class="topic">{{Topic}}</div>
<div class="title">{{Title}}</div>
<div class="meta">{{Difficulty}}{{#Tags}} · {{Tags}}{{/Tags}}</div>"""
BACK = """{{FrontSide}}
<hr id="answer">
<div class="short">{{Short}}</div>
{{Detail}}"""
FIELDS = ["Title", "Difficulty", "Tags", "Topic", "Short", "Detail", "Id"]


def stable_id(name: str) -> int:
    """A fixed id for a deck or note type, in the range genanki recommends (2^30 … 2^31)."""
    digest = int(hashlib.sha256(f"llm-interview-bank:{name}".encode("utf-8")).hexdigest()[:12], 16)
    return (1 << 30) + digest % (1 << 30)


MODEL = genanki.Model(
    stable_id("model:question-v1"), "大模型面试题", fields=[{"name": f} for f in FIELDS],
    templates=[{"name": "问答", "qfmt": FRONT, "afmt": BACK}], css=CARD_CSS)


def _extract_math(text: str) -> tuple[str, list[tuple[str, bool]]]:
    """Replace every formula outside code with a placeholder; return the text and the formulas."""
    formulas: list[tuple[str, bool]] = []
    out: list[str] = []
    closing, math_lines, indent = None, None, ""
    for line in text.split("\n"):
        if closing is not None:
            if line.rstrip() == closing:
                if math_lines is not None:
                    formulas.append(("\n".join(math_lines).strip(), True))
                    out.append(indent + PLACEHOLDER.format(len(formulas) - 1))
                else:
                    out.append(line)
                closing, math_lines = None, None
            elif math_lines is not None:
                math_lines.append(line)
            else:
                out.append(line)
            continue
        math, fence = BLOCK_START_RE.match(line), FENCE_RE.match(line)
        if math or fence:
            found = math or fence
            closing, indent = found.group(1) + found.group(2), found.group(1)
            if math:
                math_lines = []
            else:
                out.append(line)
            continue
        for item in reversed(list(iter_inline_katex(line + " "))):
            formulas.append((item.inline_text.strip("$").strip("`"), False))
            line = line[: item.start] + PLACEHOLDER.format(len(formulas) - 1) + line[item.end:]
        out.append(line)
    return "\n".join(out), formulas


def _anki_math(tex: str, display: bool) -> str:
    tex = html.escape(tex, quote=False)
    return f"\\[{tex}\\]" if display else f"\\({tex}\\)"


def render(text: str) -> str:
    """Markdown → HTML, with formulas as \\(…\\) / \\[…\\] for Anki's MathJax."""
    source, formulas = _extract_math(text)
    rendered = markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG)
    return PLACEHOLDER_RE.sub(lambda m: _anki_math(*formulas[int(m.group(1))]), rendered)


def _plain_links(body: str, by_id: dict[str, Question]) -> str:
    """[[id]] → the linked question's title (a card cannot follow a link into the site)."""

    def text(qid: str, label: str | None) -> str:
        return f"「{label or escape(by_id[qid].title if qid in by_id else qid)}」"

    return replace_wiki_links(body, text)


def anki_tag(tag: str) -> str:
    return re.sub(r"\s+", "_", tag.strip())


def deck_name(topic: Topic, position: int) -> str:
    # numbered so Anki, which sorts subdecks by name, keeps the site's topic order
    return f"{DECK_NAME}::{position:02d} {topic.title}"


def question_note(q: Question, topic: Topic, by_id: dict[str, Question]) -> genanki.Note:
    short, rest = split_short_answer(_plain_links(q.body, by_id))
    short_html = render(f"{SHORT_ANSWER_MARK}：{short}") if short else ""
    fields = [html.escape(q.title), f"{'★' * q.difficulty}{'☆' * (3 - q.difficulty)} {q.difficulty_name}",
              html.escape(" · ".join(q.tags)), html.escape(topic.title), short_html, render(rest), q.id]
    return genanki.Note(model=MODEL, fields=fields, guid=genanki.guid_for(q.id),
                        tags=[anki_tag(t) for t in q.tags if anki_tag(t)])


def build_decks(bank: Bank) -> list[genanki.Deck]:
    decks, by_id = [], bank.by_id()
    for position, topic in enumerate(bank.topics, 1):
        deck = genanki.Deck(stable_id(f"deck:{topic.slug}"), deck_name(topic, position), topic.description)
        for q in topic.questions:
            deck.add_note(question_note(q, topic, by_id))
        decks.append(deck)
    return decks


def write_deck(bank: Bank, out: Path) -> int:
    """Write the .apkg; returns the number of notes."""
    decks = build_decks(bank)
    out.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(decks).write_to_file(str(out))
    return sum(len(d.notes) for d in decks)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: python -m studybank.anki <content> <out.apkg>  (e.g. content site/{DEFAULT_FILE})",
              file=sys.stderr)
        return 2
    content, out = Path(argv[0]), Path(argv[1])
    if not is_bank(content):
        print(f"error: {content}: not a question bank (no topics.yml)", file=sys.stderr)
        return 2
    if out.is_dir():
        print(f"error: {out} is a folder; name the .apkg file to write, e.g. {out / DEFAULT_FILE}", file=sys.stderr)
        return 2
    # the same checks as the build: a deck never carries what the site would refuse
    bank, problems = checked_bank(content)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"no deck written: the bank has {len(problems)} problems (see `make check`)", file=sys.stderr)
        return 1
    try:
        count = write_deck(bank, out)
    except OSError as err:
        print(f"error: cannot write {out}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {count} notes in {len(bank.topics)} topic decks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

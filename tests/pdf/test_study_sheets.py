"""The PDF study sheets of the fixture bank, printed once per session the way `make pdf` does.

Read back with poppler (pdfinfo, pdftotext, pdffonts), as a reader's PDF viewer would show
them. The same build also serves the browser-printing (Ctrl+P) checks at the end.
"""
from __future__ import annotations

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pypdf import PdfReader

from studybank import pdf as pdf_writer
from studybank.load import load_bank
from studybank.markup import split_short_answer
from studybank.printing import KEY_HEADING
from studybank.sheets import BANK_SHEET

from support import FIXTURE_BANK, ROOT, bookmarks, build_site

RAW_TEX = ("\\mathrm", "\\frac", "$`", "```math")


@pytest.fixture(scope="session")
def bank():
    loaded, problems = load_bank(FIXTURE_BANK / "content")
    assert problems == []
    return loaded


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """`make pdf` for the fixture bank: a strict build in a scratch project, then the PDFs."""
    project = tmp_path_factory.mktemp("sheets")
    built = build_site(project, FIXTURE_BANK / "content")
    assert built.returncode == 0, built.stderr[-3000:]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    printed = subprocess.run([sys.executable, "-m", "studybank.pdf", str(project / "site")],
                             capture_output=True, text=True, env=env)
    assert printed.returncode == 0, printed.stderr[-3000:]
    return project / "site"


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def text(path, first: int = 0, last: int = 0) -> str:
    """The PDF's text with all whitespace removed (titles wrap at any character)."""
    span = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    out = subprocess.run(["pdftotext", *span, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def sentences(short_answer: str) -> list[str]:
    return [flat(s) for s in re.split(r"[。；]", short_answer) if len(flat(s)) >= 6]


def test_every_sheet_is_a_whole_pdf(site, bank):
    names = [BANK_SHEET] + [n for t in bank.topics for n in (t.slug, f"{t.slug}-quiz")]
    for name in names:
        assert pages(site / "pdf" / f"{name}.pdf") >= 1, name
    assert sorted(p.name for p in (site / "pdf").iterdir()) == sorted(f"{n}.pdf" for n in names)  # no .part left


def test_topic_sheet_has_every_title_and_typeset_formulas(site, bank):
    for topic in bank.topics:
        body = text(site / "pdf" / f"{topic.slug}.pdf")
        for q in topic.questions:
            assert flat(q.title) in body, (topic.slug, q.title)
        assert not any(raw in body for raw in RAW_TEX), topic.slug
    # \mathrm{softmax} and \mathrm{Attention}(Q,K,V) appear only as formulas in this topic
    basics = text(site / "pdf" / "basics.pdf")
    assert "softmax" in basics and "Attention(Q,K,V)" in basics


def test_quiz_keeps_short_answers_for_the_key_at_the_end(site, bank):
    for topic in bank.topics:
        body = text(site / "pdf" / f"{topic.slug}-quiz.pdf")
        assert KEY_HEADING in body, topic.slug
        questions, key = body.split(KEY_HEADING, 1)
        for q in topic.questions:
            assert flat(q.title) in questions
            short, _ = split_short_answer(q.body)
            assert sentences(short), q.id
            for sentence in sentences(short):
                assert sentence not in questions, (q.id, sentence)
                assert sentence in key, (q.id, sentence)


def test_whole_bank_is_cover_and_contents_then_the_topic_sheets(site, bank):
    topics = [t for t in bank.topics if t.questions]
    parts = sum(pages(site / "pdf" / f"{t.slug}.pdf") for t in topics)
    front = pages(site / "pdf" / f"{BANK_SHEET}.pdf") - parts
    assert 2 <= front <= 3  # the cover, then one or two pages of contents
    body = text(site / "pdf" / f"{BANK_SHEET}.pdf")
    assert all(flat(q.title) in body for q in bank.questions)


def front_pages(sheet: Path, bank) -> int:
    """The cover and the contents: the pages before the first topic's."""
    first_topic = next(t for t in bank.topics if t.questions)
    return next(n for n in range(2, pages(sheet) + 1) if flat(first_topic.description) in text(sheet, n, n)) - 1


def contents_entries(sheet: Path, bank) -> list[tuple[str, str, int]]:
    """(anchor, printed title, page number) of every contents entry, read with pdftotext from
    the pages between the cover and the first topic."""
    layout = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", str(front_pages(sheet, bank)), str(sheet), "-"],
                            capture_output=True, text=True, check=True).stdout
    lines = [flat(line) for line in layout.splitlines() if line.strip()]
    entries, at = [], 0
    for topic in (t for t in bank.topics if t.questions):
        wanted = [(f"t-{topic.slug}", topic.title)] + [(f"q-{q.id}", f"{n}. {q.title}")
                                                        for n, q in enumerate(topic.questions, 1)]
        for anchor, title in wanted:
            at = next(i for i in range(at, len(lines)) if lines[i].startswith(flat(title)[:12]))
            number = next(re.search(r"(\d+)$", line) for line in lines[at:] if re.search(r"\d+$", line))
            entries.append((anchor, title, int(number.group(1))))
            at += 1
    return entries


def test_every_contents_entry_gives_the_page_its_question_starts_on(site, bank):
    sheet = site / "pdf" / f"{BANK_SHEET}.pdf"
    entries = contents_entries(sheet, bank)
    assert len(entries) == len(bank.questions) + sum(1 for t in bank.topics if t.questions)
    for anchor, title, page in entries:
        title = re.sub(r"^\d+\. ", "", title)
        on_page = text(sheet, page, page).replace("-", "")  # a title wrapped at a hyphen loses it
        assert flat(title).replace("-", "") in on_page, (anchor, page)


def outline(path: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (depth, title without whitespace, page), depth 0 at the top."""
    return [(depth, flat(title), page) for depth, title, page in bookmarks(PdfReader(str(path)))]


def test_every_sheet_has_bookmarks_for_its_topics_and_questions(site, bank):
    for topic in bank.topics:
        for name in (topic.slug, f"{topic.slug}-quiz"):
            marks = outline(site / "pdf" / f"{name}.pdf")
            assert any(depth == 0 and title.startswith(flat(topic.title)) for depth, title, _ in marks), name
            for n, q in enumerate(topic.questions, 1):
                assert (1, flat(f"{n}. {q.title}")) in {(d, t) for d, t, _ in marks}, (name, q.id)
    sheet = site / "pdf" / f"{BANK_SHEET}.pdf"
    marks = outline(sheet)
    tops = [title for depth, title, _ in marks if depth == 0]
    assert tops == ["大模型面试题库"] + [flat(t.title) for t in bank.topics if t.questions]  # the cover, the topics
    by_title = {(d, t): page for d, t, page in marks}
    for anchor, title, page in contents_entries(sheet, bank):  # a bookmark leads where the contents say
        assert by_title[(0 if anchor.startswith("t-") else 1, flat(title))] == page, anchor


def test_contents_entries_are_links_to_their_pages(site, bank):
    sheet = site / "pdf" / f"{BANK_SHEET}.pdf"
    reader = PdfReader(str(sheet))
    page_of = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages, 1)}
    dests = {name[1:]: page_of[d.page.idnum] for name, d in reader.named_destinations.items()}
    targets = {}
    contents_pages = reader.pages[1:front_pages(sheet, bank)]
    for annot in (a for page in contents_pages for a in page.get("/Annots") or []):
        annot = annot.get_object()
        if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
            targets[str(annot["/Dest"])[1:]] = dests[str(annot["/Dest"])[1:]]
    for anchor, _, page in contents_entries(sheet, bank):
        assert targets.get(anchor) == page, anchor


def links(path: Path) -> list[tuple[int, str]]:
    """Every link of a PDF as (page, target): a named destination, or the URI it opens."""
    reader = PdfReader(str(path))
    found = []
    for number, page in enumerate(reader.pages, 1):
        for annot in (a.get_object() for a in page.get("/Annots") or []):
            if annot.get("/Subtype") == "/Link":
                target = annot["/Dest"] if "/Dest" in annot else annot["/A"].get("/URI", "")
                found.append((number, str(target)))
    return found


def test_a_link_to_another_topic_is_a_link_inside_the_bank_and_no_link_leads_to_the_print_server(site, bank):
    # attention links [[multi-head]], on its own sheet: a link to that question there
    assert any(target == "/q-multi-head" for _, target in links(site / "pdf" / "basics.pdf"))
    # softmax (math) links [[attention|注意力权重]] (basics): text on math's own sheet, a link in the bank
    assert not any(target == "/q-attention" for _, target in links(site / "pdf" / "math.pdf"))
    sheet = site / "pdf" / f"{BANK_SHEET}.pdf"
    math_starts = next(page for anchor, _, page in contents_entries(sheet, bank) if anchor == "t-math")
    assert any(page >= math_starts and target == "/q-attention" for page, target in links(sheet))
    for path in (site / "pdf").glob("*.pdf"):
        assert not any("127.0.0.1" in target for _, target in links(path)), path.name


def test_the_only_named_destinations_are_topics_questions_and_link_targets(site, bank):
    # an answer's headings are ids too (a-<id>-详解); a PDF keeps none that nothing opens
    anchors = {f"t-{t.slug}" for t in bank.topics} | {f"q-{q.id}" for q in bank.questions}
    for path in (site / "pdf").glob("*.pdf"):
        linked = {target[1:] for _, target in links(path) if target.startswith("/")}
        names = {name[1:] for name in PdfReader(str(path)).named_destinations}
        assert names <= anchors | linked, (path.name, sorted(names - anchors - linked))


def test_every_page_but_the_cover_is_numbered_page_of_pages(site):
    for path in (site / "pdf").glob("*.pdf"):
        total = pages(path)
        for number in range(2 if path.stem == BANK_SHEET else 1, total + 1):
            assert f"{number}/{total}" in text(path, number, number), (path.name, number)


def test_cover_has_no_running_header_or_footer(site):
    sheet = site / "pdf" / f"{BANK_SHEET}.pdf"
    cover = text(sheet, 1, 1)
    assert "大模型面试题库" in cover and "全部题目" not in cover and not re.search(r"1/\d+", cover)
    assert "全部题目" in text(sheet, 2, 2) and f"2/{pages(sheet)}" in text(sheet, 2, 2)


def test_chinese_bold_is_a_real_font_not_type3_glyphs(site):
    # Chinese inside a formula too ($`\text{分母}=…`$ in the fixture's softmax question): KaTeX's
    # fonts have no CJK glyphs, and the system's fallback for them (Noto Serif CJK) is Type 3.
    assert "分母=" in text(site / "pdf" / "math.pdf")
    for path in (site / "pdf").glob("*.pdf"):
        read = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
        assert read.stderr == "", (path.name, read.stderr[:300])  # e.g. a name longer than readers accept
        fonts = read.stdout
        assert "Type 3" not in fonts, (path.name, fonts)
        chinese = [line for line in fonts.splitlines() if "NotoSansSC" in line]
        assert chinese and all(" yes " in line for line in chinese), (path.name, fonts)  # embedded
        assert re.search(r"NotoSansSC\S*-Bold", fonts), path.name  # titles and 简答 are bold


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')
BODY_TOP, BODY_BOTTOM = 17 / 25.4 * 72, (297 - 16) / 25.4 * 72  # A4 less the margins, in points


def page_bodies(path: Path) -> list[list[tuple[int, float, float, str]]]:
    """Per page, the words between the running header and footer in reading order:
    (top, left, bottom, text)."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode()
    return [sorted((round(float(top)), float(left), float(bottom), word) for left, top, bottom, word in WORD.findall(page)
                   if BODY_TOP < (float(top) + float(bottom)) / 2 < BODY_BOTTOM)
            for page in out.split("<page ")[1:]]


def test_no_page_is_less_than_a_third_full_unless_a_question_must_start_the_next(site, bank):
    starts = {flat(t.title) for t in bank.topics} | {flat(f"{n}. {q.title}")[:8] for t in bank.topics
                                                      for n, q in enumerate(t.questions, 1)}
    for path in (site / "pdf").glob("*.pdf"):
        bodies = page_bodies(path)
        for number, (body, following) in enumerate(zip(bodies, bodies[1:]), 1):
            if number == 1 and path.stem == BANK_SHEET:
                continue  # the cover
            filled = (max((bottom for *_, bottom, _ in body), default=BODY_TOP) - BODY_TOP) / (BODY_BOTTOM - BODY_TOP)
            next_top = flat("".join(word for *_, word in following[:12]))
            assert filled >= 1 / 3 or any(next_top.startswith(start) for start in starts), (path.name, number, filled)


def test_no_sheet_ends_with_a_blank_page(site, bank):
    for path in (site / "pdf").glob("*.pdf"):
        last = subprocess.run(["pdftotext", "-f", str(pages(path)), "-l", str(pages(path)), str(path), "-"],
                              capture_output=True, text=True).stdout
        lines = [l for l in last.splitlines() if l.strip()]
        assert len(lines) > 4, (path.name, lines)  # more than the header and footer


def test_print_pages_stay_out_of_search_and_nav(site):
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"print/' not in index.replace(" ", "")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="print/' not in home


def test_site_links_the_sheets(site, bank):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="pdf/{BANK_SHEET}.pdf"' in home
    for topic in bank.topics:
        page = (site / topic.slug / "index.html").read_text(encoding="utf-8")
        for name in (topic.slug, f"{topic.slug}-quiz"):
            assert f'href="../pdf/{name}.pdf"' in page
            assert (site / topic.slug / f"../pdf/{name}.pdf").resolve().exists()


def test_missing_browser_is_one_clear_line(site, tmp_path):
    result = subprocess.run([sys.executable, "-m", "studybank.pdf", str(site)], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT / "hooks"), CHROMIUM=str(tmp_path / "chromium")))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "Chromium" in result.stderr and "apt-get install chromium" in result.stderr


def test_a_failed_write_leaves_no_pdf_under_the_final_name(tmp_path, monkeypatch):
    target = tmp_path / "basics.pdf"

    def interrupted(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(pdf_writer.os, "replace", interrupted)
    with pytest.raises(OSError):
        pdf_writer._write_atomically(target, b"%PDF-1.4 half")
    assert list(tmp_path.iterdir()) == []


# Ctrl+P in the browser: the site's own pages with Material's scripts on.

CHROME = (".md-header", ".md-sidebar--primary", ".md-footer", ".qa-pager", ".md-search")


def browser_print(site: Path, pages: list[str]) -> dict[str, dict]:
    """Each page as the print dialog lays it out: what is visible, and the printed PDF."""
    from playwright.sync_api import sync_playwright

    server, base = pdf_writer.serve(site)
    found = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=pdf_writer.CHROMIUM, args=pdf_writer.CHROMIUM_ARGS)
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            for path in pages:
                tab.goto(base + path, wait_until="load")
                tab.emulate_media(media="print")
                found[path] = {
                    "chrome": [c for c in CHROME if tab.locator(c).first.is_visible()],
                    "content": tab.locator("h1").is_visible() and tab.locator(".katex-display").first.is_visible(),
                    "pdf": tab.pdf(format="A4"),
                }
            browser.close()
    finally:
        server.shutdown()
    return found


@pytest.fixture(scope="module")
def printed(site):
    # In a thread of its own: tests/browser keeps a session-wide Playwright (and its event
    # loop) open in this one, and the sync API refuses to start inside a running loop.
    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(browser_print, site, ["basics/attention/", "math/softmax/"]).result()


def test_browser_print_shows_only_the_content(printed):
    assert printed["basics/attention/"]["chrome"] == []
    assert printed["basics/attention/"]["content"]


def test_browser_print_has_no_trailing_blank_page(printed, tmp_path):
    (tmp_path / "page.pdf").write_bytes(printed["math/softmax/"]["pdf"])
    assert pages(tmp_path / "page.pdf") == 1  # Material's 100% heights can print a blank 2nd page


@pytest.mark.parametrize("remove", ["assets/katex/katex.min.css", "print/basics-quiz/index.html",
                                    f"print/{BANK_SHEET}/index.html"])
def test_a_partial_site_is_refused_naming_what_is_missing(site, tmp_path, remove):
    partial = tmp_path / "site"
    shutil.copytree(site, partial, ignore=shutil.ignore_patterns("pdf"))
    (partial / remove).unlink()
    result = subprocess.run([sys.executable, "-m", "studybank.pdf", str(partial)], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT / "hooks")))
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"error: {partial} is not a complete build, missing {remove}")
    assert not (partial / "pdf").exists()


def test_ctrl_c_is_one_line_not_a_traceback(monkeypatch, capsys):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(pdf_writer, "write_pdfs", interrupted)
    assert pdf_writer.main(["site"]) == 130
    assert capsys.readouterr().err == "interrupted: no half-written PDF is left\n"

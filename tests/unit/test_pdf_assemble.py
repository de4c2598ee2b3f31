"""Finishing printed sheets (studybank.pdfassemble) on small PDFs made here, without Chromium."""
from __future__ import annotations

import io

import pikepdf
from pypdf import PdfReader

from studybank import pdfassemble
from studybank.pdf import contents_numbers

from support import bookmarks

SERVER = "http://127.0.0.1:8123/"


def printed(pages: int, anchors: dict[str, int], links: list[str] = ()) -> bytes:
    """A PDF as Chromium prints one: `pages` pages, a named destination per element id
    (on the given page, from 1), and on page 1 a link to each URI in `links`."""
    with pikepdf.new() as pdf:
        for _ in range(pages):
            pdf.add_blank_page(page_size=(595, 842))
        pdf.Root.Dests = pdf.make_indirect(pikepdf.Dictionary({
            "/" + anchor: pikepdf.Array([pdf.pages[page - 1].obj, pikepdf.Name.XYZ, 0, 800, 0])
            for anchor, page in anchors.items()}))
        pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=uri))) for uri in links])
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def blank(pages: int) -> bytes:
    return printed(pages, {})


def outline(data: bytes) -> list[tuple[int, str, int]]:
    return bookmarks(PdfReader(io.BytesIO(data)))


def link_targets(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [str(a.get_object().get("/Dest") or a.get_object()["/A"]["/URI"])
            for page in reader.pages for a in page.get("/Annots") or []]


def topic(slug: str, questions: list[tuple[str, int]], pages: int, links: list[str] = ()) -> pdfassemble.Body:
    anchors = {f"t-{slug}": 1, **{f"q-{qid}": page for qid, page in questions}, "详解": 2}
    headings = [(1, f"t-{slug}", slug)] + [(2, f"q-{qid}", f"{n}. {qid}") for n, (qid, _) in enumerate(questions, 1)]
    headings.append((3, "详解", "详解"))
    return pdfassemble.Body(slug, printed(pages, {k.replace("详解", "%E8%AF%A6%E8%A7%A3"): v for k, v in anchors.items()},
                                          links), headings)


def test_a_body_knows_the_page_of_its_topic_and_questions_only():
    body = topic("basics", [("attention", 1), ("multi-head", 3)], 4)
    assert body.pages == 4 and body.anchors == {"t-basics": 1, "q-attention": 1, "q-multi-head": 3}


def test_contents_numbers_count_the_front_then_each_topic_in_turn():
    parts = [topic("basics", [("attention", 1), ("multi-head", 3)], 4), topic("math", [("softmax", 2)], 2)]
    assert contents_numbers(3, parts) == {"t-basics": 4, "q-attention": 4, "q-multi-head": 6,
                                          "t-math": 8, "q-softmax": 9}


def test_site_links_become_links_inside_the_pdf_or_are_dropped():
    links = [f"{SERVER}math/softmax/", f"{SERVER}basics/attention/", f"{SERVER}basics/", f"{SERVER}glossary/",
             "https://arxiv.org/abs/1706.03762"]
    body = topic("basics", [("attention", 1)], 2, links)
    sheet = pdfassemble.sheet(body, blank(2), SERVER)
    # softmax is not on this sheet and the glossary is in no PDF: both links go
    assert link_targets(sheet) == ["/q-attention", "/t-basics", "https://arxiv.org/abs/1706.03762"]
    # the topic's and questions' destinations stay; an id no link uses (详解) goes
    assert set(PdfReader(io.BytesIO(sheet)).named_destinations) == {"/t-basics", "/q-attention"}


def test_bookmarks_nest_by_heading_level_even_for_non_ascii_ids():
    body = topic("basics", [("attention", 1), ("multi-head", 2)], 3)
    marks = outline(pdfassemble.sheet(body, blank(3), SERVER))
    assert marks == [(0, "basics", 1), (1, "1. attention", 1), (1, "2. multi-head", 2), (2, "详解", 2)]


def test_the_whole_bank_is_the_front_then_each_topic_with_links_across_topics():
    front = pdfassemble.Body("bank", printed(2, {}, [f"{SERVER}math/softmax/", f"{SERVER}basics/"]), [])
    basics = topic("basics", [("attention", 1)], 2, [f"{SERVER}math/softmax/"])
    math = topic("math", [("softmax", 1)], 2)
    whole = pdfassemble.bank(front, [basics, math], "题库", blank(6), SERVER)
    reader = PdfReader(io.BytesIO(whole))
    assert reader.get_num_pages() == 6
    assert outline(whole) == [(0, "题库", 1), (0, "basics", 3), (1, "1. attention", 3), (2, "详解", 4),
                              (0, "math", 5), (1, "1. softmax", 5), (2, "详解", 6)]
    # the contents' links and the link from basics to softmax, in another topic, stay inside the PDF
    assert link_targets(whole) == ["/q-softmax", "/t-basics", "/q-softmax"]
    pages = {name: reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}
    assert pages == {"/t-basics": 3, "/q-attention": 3, "/t-math": 5, "/q-softmax": 5}

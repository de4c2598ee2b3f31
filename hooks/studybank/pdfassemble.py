"""Finish the printed sheets with pikepdf: page numbers, bookmarks, links; join the whole bank.

Chromium prints each sheet's body (pdfprint.py) with its running header and the footer's
date and version, but without page numbers: a topic's pages are pages 1–N of its own sheet
and, unchanged, pages 40–60 of the whole bank. So the numbers are laid over afterwards, from a
PDF that holds nothing else, and the whole bank is its front (cover and contents) followed by
the topic sheets' bodies: each question is laid out and printed once.

Bookmarks come from the print page's headings (topic › question › answer parts) and lead to
where Chromium put each heading: every element id of a print page is a named destination of
its PDF. Links to other pages of the site (a question of another topic, a contents entry)
print as links to the throwaway print server; they become links inside the PDF when the
topic or question is in it, and are dropped otherwise.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import pikepdf

ANCHOR_PREFIXES = ("t-", "q-")  # a topic's or a question's heading: unique in the whole bank


@dataclass
class Body:
    """A print page as Chromium printed it."""
    name: str
    data: bytes
    headings: list[tuple[int, str, str]]  # (level 1–4, element id, text) in page order
    pages: int = 0
    anchors: dict[str, int] = field(default_factory=dict)  # t-<slug> / q-<id> → page, from 1

    def __post_init__(self):
        with pikepdf.open(io.BytesIO(self.data)) as pdf:
            self.pages = len(pdf.pages)
            index = _page_index(pdf)
            self.anchors = {name: index[dest[0].objgen] + 1 for name, dest in _destinations(pdf).items()
                            if name.startswith(ANCHOR_PREFIXES)}


def _page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: n for n, page in enumerate(pdf.pages)}


def _destinations(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Array]:
    """Chromium's named destinations (a /Dests dictionary, ids percent-encoded):
    id → [page /XYZ left top zoom]."""
    dests = pdf.Root.get("/Dests", pikepdf.Dictionary())
    return {unquote(str(name)[1:]): dests[name] for name in dests.keys()}


def _bookmarks(pdf: pikepdf.Pdf, marks: list[tuple[int, str, pikepdf.Array]]) -> None:
    """(level, title, destination) in page order → nested bookmarks, a level under the last
    bookmark of a smaller level."""
    with pdf.open_outline() as outline:
        open_lists = [(0, outline.root)]
        for level, title, destination in marks:
            item = pikepdf.OutlineItem(title, destination)
            while open_lists[-1][0] >= level:
                open_lists.pop()
            open_lists[-1][1].append(item)
            open_lists.append((level, item.children))


def _moved(dest: pikepdf.Array, page) -> pikepdf.Array:
    """The same destination ([page /XYZ left top zoom]) on another page object."""
    return pikepdf.Array([page, *list(dest)[1:]])


def _heading_marks(body: Body, dests: dict[str, pikepdf.Array], moved=lambda page: page) -> list:
    """(level, text, destination) of the body's headings; `moved` maps a page of the body to
    its page in the PDF being made."""
    return [(level, text, _moved(dests[anchor], moved(dests[anchor][0])))
            for level, anchor, text in body.headings if anchor in dests and text]


def _site_anchor(uri: str, server: str) -> str | None:
    """The anchor a link to a page of the site stands for: a question page
    (<topic>/<id>/) → q-<id>, a topic page (<topic>/) → t-<topic>."""
    if not uri.startswith(server):
        return None
    parts = [unquote(part) for part in urlsplit(uri).path.split("/") if part]
    if len(parts) == 2:
        return "q-" + parts[1]
    if len(parts) == 1:
        return "t-" + parts[0]
    return ""  # another page of the site: not in any PDF


def _relink(pdf: pikepdf.Pdf, server: str, names: set[str]) -> None:
    """Links to the print server → links to the named destination their page stands for,
    when the PDF holds it; any other link to the print server is dropped (it leads nowhere)."""
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        kept = pikepdf.Array()
        for annot in annots:
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
            anchor = _site_anchor(uri, server)
            if anchor is None:
                kept.append(annot)
            elif anchor in names:
                del annot["/A"]
                annot.Dest = pikepdf.Name("/" + anchor)
                kept.append(annot)
        page.obj.Annots = kept


def _number(pdf: pikepdf.Pdf, numbers: bytes) -> pikepdf.Pdf:
    """Lays page k of `numbers` (a PDF of page numbers only) over page k; returns it, to be
    kept open until `pdf` is saved."""
    stamps = pikepdf.open(io.BytesIO(numbers))
    if len(stamps.pages) != len(pdf.pages):
        raise ValueError(f"{len(stamps.pages)} page numbers for {len(pdf.pages)} pages")
    for page, stamp in zip(pdf.pages, stamps.pages):
        page.add_overlay(stamp)
    return stamps


def _save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    # Chromium's streams are already compressed: copied as they are, not decoded and compressed
    # again; the small objects go into object streams (a fifth off the whole bank's size)
    pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _keep_destinations(pdf: pikepdf.Pdf) -> None:
    """Of Chromium's named destinations (one per element id), keep the topics' and questions'
    (`sheet.pdf#q-<id>` opens there) and any a link uses: the rest are unused, and a long
    percent-encoded Chinese id is a name longer than PDF readers accept (127 bytes)."""
    used = {str(annot.Dest) for page in pdf.pages for annot in page.obj.get("/Annots", [])
            if isinstance(annot.get("/Dest"), pikepdf.Name)}
    dests = pdf.Root.get("/Dests")
    if dests is not None:
        for name in list(dests.keys()):
            if not (name[1:].startswith(ANCHOR_PREFIXES) or name in used):
                del dests[name]


def sheet(body: Body, numbers: bytes, server: str) -> bytes:
    """A topic's sheet or quiz: its body with page numbers, bookmarks and only working links."""
    with pikepdf.open(io.BytesIO(body.data)) as pdf:
        dests = _destinations(pdf)
        _relink(pdf, server, set(dests))
        _bookmarks(pdf, _heading_marks(body, dests))
        _keep_destinations(pdf)
        with _number(pdf, numbers):
            return _save(pdf)


def bank(front: Body, parts: list[Body], title: str, numbers: bytes, server: str) -> bytes:
    """The whole bank: the front (cover and contents), then every topic's body as printed
    for its own sheet. The contents' page numbers were filled in before the front was printed."""
    with pikepdf.new() as pdf:
        opened = [pikepdf.open(io.BytesIO(body.data)) for body in (front, *parts)]
        try:
            names, marks = pikepdf.Dictionary(), []
            for body, source in zip((front, *parts), opened):
                offset = len(pdf.pages)
                with warnings.catch_warnings():  # its named destinations are carried over below
                    warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                    pdf.pages.extend(source.pages)
                index = _page_index(source)

                def moved(page, index=index, offset=offset):
                    return pdf.pages[offset + index[page.objgen]].obj

                dests = _destinations(source)
                for anchor, dest in dests.items():
                    if anchor.startswith(ANCHOR_PREFIXES):
                        names[pikepdf.Name("/" + anchor)] = _moved(dest, moved(dest[0]))
                if body is not front:
                    marks += _heading_marks(body, dests, moved)
            cover = (1, title, pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.XYZ, None, None, None]))
            pdf.Root.Dests = pdf.make_indirect(names)
            _relink(pdf, server, {str(name)[1:] for name in names.keys()})
            _bookmarks(pdf, [cover, *marks])
            with _number(pdf, numbers):
                return _save(pdf)
        finally:
            for source in opened:
                source.close()

"""A page's Markdown → HTML, converted once per distinct input in a process (memo.py).

Conversion is most of a build, and a `mkdocs serve` rebuild after an edit converts every
page again although almost none changed. A page's HTML depends on its Markdown, its own
path, the site's files and their URLs (links are resolved and checked against them) and
the configuration, and on nothing else: the formulas' renderer and the Markdown
extensions are the same for the life of the process. An unchanged page takes what the
last build made: its HTML, table of contents, title, anchors, links to other pages'
anchors, and the messages its conversion logged, logged again so that a broken link is
reported on every build, as before.

Its templated page (Material's HTML around it, before the hooks' on_post_page) is kept the
same way, under what the template reads: the page's HTML, title, table of contents and
metadata, its address, every nav entry's title and address (the nav is in every page), the
site's files and configuration, and the site's own templates.

A cold build (the first in its process) converts the later half of the pages, by Markdown
size, in a forked copy of the process (forked.py) while this one converts the first half; the
copy's results come back as if an earlier build had made them.

This is the one module that knows a MkDocs page's attributes; it imports nothing from MkDocs.
"""
from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Callable

from . import forked
from .memo import Memo, digest

WATCHED_LOGGER = "mkdocs"  # MkDocs reports links (and counts warnings for --strict) in this logger's tree
log = logging.getLogger("mkdocs.hooks.studybank")


@dataclass
class Rendered:
    content: str
    toc: object
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    messages: list[logging.LogRecord]


RENDERED: Memo[Rendered] = Memo()


def site_key(config_text: str, markdown_setup: str, use_directory_urls: bool, files: list[tuple[str, str]]) -> str:
    """What every page's HTML depends on besides its own Markdown: the configuration file,
    the Markdown extensions and their settings as the hooks left them (repr: the same
    objects show the same for the life of the process), use_directory_urls (the
    environment's part) and every (src_uri, url)."""
    return digest(config_text, markdown_setup, str(use_directory_urls),
                  *(f"{src}\0{url}" for src, url in sorted(files)))


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)  # MkDocs reports some links at INFO
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record = copy.copy(record)  # kept as text: a forked copy sends it back pickled
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


def _convert(page, convert: Callable[[], None]) -> Rendered:
    recorder = _Recorder()
    logger = logging.getLogger(WATCHED_LOGGER)
    logger.addHandler(recorder)
    try:
        convert()
    finally:
        logger.removeHandler(recorder)
    links = page.links_to_anchors
    return Rendered(page.content, copy.deepcopy(page.toc), page._title_from_render, page.present_anchor_ids,
                    {f.src_uri: links[f] for f in links} if links is not None else None, recorder.records)


def render(page, key: str, convert: Callable[[], None], file_by_src: Callable[[str], object]) -> None:
    """Fill in `page` as its own render() (`convert`) would, converting only new input.

    `key` is site_key() of this build; `file_by_src` finds this build's File for a src_uri.
    """
    made = None

    def make() -> Rendered:
        nonlocal made
        made = _convert(page, convert)
        return made

    _take_forked(page.file.src_uri)
    rendered = RENDERED.get(digest(key, page.file.src_uri, page.markdown), make)
    if rendered is made:  # converted just now: the page is filled in already
        return
    for record in rendered.messages:
        logging.getLogger(record.name).handle(record)
    page.content, page.toc = rendered.content, copy.deepcopy(rendered.toc)
    page._title_from_render = rendered.title
    page.present_anchor_ids = rendered.present_anchor_ids
    if rendered.links_to_anchors is not None:
        page.links_to_anchors = {file_by_src(src): links for src, links in rendered.links_to_anchors.items()}


class _ForkedHalf:
    """The later half of a build's pages, measured by `sizes`, done by a forked copy of this
    process; its results join `memo` before this process needs the first of them."""

    def __init__(self, memo: Memo, srcs: list[str], sizes: list[int], do: Callable[[int], None], done: str) -> None:
        cut, later = len(srcs), 0
        while cut > 1 and later < sum(sizes) / 2:
            cut -= 1
            later += sizes[cut]
        self.srcs, self._memo, self._done = set(srcs[cut:]), memo, done
        self.last_here = srcs[cut - 1]  # the last page this process does itself

        def work() -> dict:
            # the copy reports nothing itself: its pages' messages travel with their results
            logging.getLogger().handlers = [logging.NullHandler()]
            watched = logging.getLogger(WATCHED_LOGGER)
            watched.handlers, watched.propagate = [], False
            for i in range(cut, len(srcs)):
                do(i)
            return memo.made()

        self._forked: forked.Forked | None = forked.Forked(work)

    def cancel(self) -> None:
        if self._forked is not None:
            self._forked.cancel()
            self._forked = None

    def take(self, src_uri: str) -> bool:
        """Before this process needs `src_uri`, if it is one of the copy's pages: all of the
        copy's results. False if the copy failed: its pages are to be done here."""
        if self._forked is None or src_uri not in self.srcs:
            return True
        made, why = self._forked.result()
        self._forked = None
        if made is None:
            log.info(f"pages are {self._done} in one process: the second one failed ({why.strip()})")
            return False
        log.debug(f"{len(made)} pages {self._done} in a second process")
        self._memo.adopt(made)
        return True


def _cold(memo: Memo, pages: list) -> bool:
    return memo.is_empty() and forked.available() and len(pages) > 1


_converting: _ForkedHalf | None = None


def convert_half_in_fork(files: list, convert: Callable[[object], None]) -> None:
    """On a cold build, start converting the later half of `files` (the documentation pages,
    in the order the build converts them), measured in Markdown, in a forked copy of this
    process; `convert(file)` takes a page there as far as render()."""
    global _converting
    if _converting is not None:  # from a build that stopped before it needed the copy's pages
        _converting.cancel()
    _converting = None
    if _cold(RENDERED, files):
        _converting = _ForkedHalf(RENDERED, [f.src_uri for f in files], [len(f.content_string) for f in files],
                                  lambda i: convert(files[i]), "converted")


def _take_forked(src_uri: str) -> None:
    if _converting is not None:
        _converting.take(src_uri)


TEMPLATED: Memo[str] = Memo()
MEMOIZED_TEMPLATE = "memoized.html"  # overrides/memoized.html: the page's kept HTML as it is


def templates_key(site_key_: str, nav_items: list, template_files: list[tuple[str, str]]) -> str:
    """What every page's templated HTML depends on besides the page itself: site_key(), the
    nav (titles and addresses, nested) and the site's own templates (path, text)."""
    def entries(items, depth=0):
        for item in items:
            yield f"{depth}\0{item.title}\0{getattr(item, 'url', '')}"
            yield from entries(getattr(item, "children", None) or [], depth + 1)

    return digest(site_key_, *entries(nav_items), *(f"{path}\0{text}" for path, text in sorted(template_files)))


def template_key(shared: str, page) -> str:
    def toc(items):
        return "".join(f"({item.title}\0{item.url}\0{item.level}{toc(item.children)})" for item in items)

    return digest(shared, page.url, page.title or "", page.content or "", toc(page.toc),
                  repr(sorted(page.meta.items())))


_templating: _ForkedHalf | None = None
_switched: dict[str, tuple[object, object]] = {}  # src_uri: (page, its own template) while it has MEMOIZED_TEMPLATE


def choose_templates(pages: list, keys: dict[str, str], render: Callable[[object], str]) -> None:
    """Before the build renders templates (`keys`: template_key() by src_uri; `render(page)`:
    the page's template output): a page whose templated HTML an earlier build kept, or which a
    forked copy of this process is rendering (the later half of a cold build's pages), is
    rendered with MEMOIZED_TEMPLATE, which prints nothing; templated() then gives its HTML."""
    global _templating
    if _templating is not None:  # from a build that stopped before it needed the copy's pages
        _templating.cancel()
    _templating = None
    _switched.clear()
    if _cold(TEMPLATED, pages):
        def do(i: int) -> None:
            page = pages[i]
            TEMPLATED.get(keys[page.file.src_uri], lambda: render(page))

        # a page's template costs about the same whatever its content: the nav, header and footer
        _templating = _ForkedHalf(TEMPLATED, [p.file.src_uri for p in pages], [1] * len(pages), do, "templated")
    for page in pages:
        src = page.file.src_uri
        if TEMPLATED.knows(keys[src]) or (_templating is not None and src in _templating.srcs):
            _switched[src] = (page, page.meta.get("template"))
            page.meta["template"] = MEMOIZED_TEMPLATE


def templated(page, key: str, output: str) -> str:
    """The page's templated HTML: kept by an earlier build or made by the forked copy, else
    `output` (the template's own), kept now."""
    output = TEMPLATED.get(key, lambda: output)
    # after the last page it renders itself, this process takes the copy's pages; if the copy
    # failed, they get their own templates back and are rendered here
    if _templating is not None and page.file.src_uri == _templating.last_here:
        if not _templating.take(next(iter(_templating.srcs))):
            for src in _templating.srcs:
                other, own = _switched.pop(src)
                if own is None:
                    del other.meta["template"]
                else:
                    other.meta["template"] = own
    return output

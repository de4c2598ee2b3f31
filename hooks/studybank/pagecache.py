"""A page's Markdown → HTML, converted once per distinct input in a process (memo.py).

Conversion is most of a build, and a `mkdocs serve` rebuild after an edit converts every
page again although almost none changed. A page's HTML depends on its Markdown, its own
path, the site's files and their URLs (links are resolved and checked against them) and
the configuration, and on nothing else: the formulas' renderer and the Markdown
extensions are the same for the life of the process. An unchanged page takes what the
last build made: its HTML, table of contents, title, anchors, links to other pages'
anchors, and the messages its conversion logged, logged again so that a broken link is
reported on every build, as before.

A cold build (the first in its process) converts the later half of the pages, by Markdown
size, in a forked copy of the process (forked.py) while this one converts the first half; the
copy's results come back as if an earlier build had made them.

This module and templatecache.py are the ones that know a MkDocs page's attributes; neither
imports anything from MkDocs.
"""
from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Callable

from . import forked
from .memo import Memo, digest

WATCHED_LOGGER = "mkdocs"  # MkDocs reports links (and counts warnings for --strict) in this logger's tree


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
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
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

    if _converting is not None and page.file.src_uri in _converting.srcs:
        _converting.take()
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


_converting: forked.LaterHalf | None = None


def convert_half_in_fork(files: list, convert: Callable[[object], None]) -> None:
    """On a cold build (the first in its process), start converting the later half of `files`
    (the documentation pages, in the order the build converts them), measured in Markdown, in
    a forked copy of this process; `convert(file)` takes a page there as far as render()."""
    global _converting
    if _converting is not None:  # from a build that stopped before it needed the copy's pages
        _converting.cancel()
    _converting = None
    if RENDERED.is_empty() and forked.available() and len(files) > 1:
        _converting = forked.LaterHalf(RENDERED, [f.src_uri for f in files], [len(f.content_string) for f in files],
                                       lambda i: convert(files[i]), "converted")

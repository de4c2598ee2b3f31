"""A page's templated HTML (Material's page around its content, before the hooks'
on_post_page), kept from one build to the next in the same process (memo.py), as pagecache.py
keeps its converted HTML.

A page's template reads the page (its HTML, title, table of contents, metadata, address) and
the site: every nav entry's title and address, every page's metadata (the nav shows a page's
subtitle, status and icon), which pages list the tags (Material's tags plugin links each tag
to them), the site's files and configuration, and the site's own templates. An unchanged page
is rendered with MEMOIZED_TEMPLATE (overrides/memoized.html), which prints nothing, and
templated() puts the kept HTML in its place. On a cold build a forked copy of the process
renders the templates of the later half of the pages (forked.py).
"""
from __future__ import annotations

from typing import Callable

from . import forked
from .memo import Memo, digest

TEMPLATED: Memo[str] = Memo()
MEMOIZED_TEMPLATE = "memoized.html"
TAGS_LISTING = "<!-- material/tags"  # where Material's tags plugin lists the tags


def shared_key(site_key: str, nav_items: list, pages: list, template_files: list[tuple[str, bytes]]) -> str:
    """What every page's templated HTML depends on besides the page itself: pagecache's
    site_key(), the nav (titles and addresses, nested), every page's metadata and whether it
    lists the tags, and the site's own templates (path, bytes)."""
    def entries(items, depth=0):
        for item in items:
            yield f"{depth}\0{item.title}\0{getattr(item, 'url', '')}"
            yield from entries(getattr(item, "children", None) or [], depth + 1)

    return digest(site_key, *entries(nav_items),
                  *(f"{p.url}\0{sorted(p.meta.items())!r}\0{TAGS_LISTING in (p.markdown or '')}" for p in pages),
                  *(part for path, data in sorted(template_files) for part in (path, data)))


def page_key(shared: str, page) -> str:
    def toc(items):
        return "".join(f"({item.title}\0{item.url}\0{item.level}{toc(item.children)})" for item in items)

    return digest(shared, page.url, page.title or "", page.content or "", toc(page.toc),
                  repr(sorted(page.meta.items())))


_copy: forked.LaterHalf | None = None
_switched: dict[str, tuple[object, object]] = {}  # src_uri: (page, its own template) while it has MEMOIZED_TEMPLATE


def choose(pages: list, keys: dict[str, str], render: Callable[[object], str]) -> None:
    """Before the build renders templates (`keys`: page_key() by src_uri; `render(page)`: the
    page's template output): a page whose templated HTML an earlier build kept, or which a
    forked copy of this process is rendering (the later half of a cold build's pages), is
    rendered with MEMOIZED_TEMPLATE; templated() then gives its HTML."""
    global _copy
    if _copy is not None:  # from a build that stopped before it needed the copy's pages
        _copy.cancel()
    _copy = None
    _switched.clear()
    if TEMPLATED.is_empty() and forked.available() and len(pages) > 1:
        def render_kept(i: int) -> None:
            TEMPLATED.get(keys[pages[i].file.src_uri], lambda: render(pages[i]))

        # a page's template costs about the same whatever its content: the nav, header and footer
        _copy = forked.LaterHalf(TEMPLATED, [p.file.src_uri for p in pages], [1] * len(pages), render_kept, "templated")
    for page in pages:
        src = page.file.src_uri
        if TEMPLATED.knows(keys[src]) or (_copy is not None and src in _copy.srcs):
            _switched[src] = (page, page.meta.get("template"))
            page.meta["template"] = MEMOIZED_TEMPLATE


def templated(page, key: str, output: str) -> str:
    """The page's templated HTML: kept by an earlier build or made by the forked copy, else
    `output` (the template's own), kept now."""
    output = TEMPLATED.get(key, lambda: output)
    # after the last page it renders itself, this process takes the copy's pages; if the copy
    # failed, they get their own templates back and are rendered here
    if _copy is not None and page.file.src_uri == _copy.last_here and not _copy.take():
        for src in _copy.srcs:
            other, own = _switched.pop(src)
            if own is None:
                del other.meta["template"]
            else:
                other.meta["template"] = own
    return output

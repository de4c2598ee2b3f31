"""Chromium's part of the PDF step: print a sheet's body, and a PDF of page numbers.

Each print page of the built site (served by pdf.py) is opened in Debian's Chromium, driven
by Playwright with executable_path (no browser is downloaded), and printed with page.pdf()
with its running header and the date and version at the foot, drawn as CSS page-margin boxes
(none on a cover). Page numbers are printed apart and laid over by pdfassemble.py: the same
body is numbered differently on its own sheet and in the whole bank.

A print page loads with everything hidden until its fonts are in, then is laid out once:
otherwise each of the dozens of font slices arriving lays out the whole sheet again.
"""
from __future__ import annotations

import asyncio
import contextlib
from typing import Awaitable, Callable

from . import sheets
from .pdfassemble import Body

MARGIN = "17mm 15mm 16mm"  # top, sides, bottom
PRINT_WIDTH_PX = round((210 - 30) / 25.4 * 96)  # A4 less the side margins, in CSS px
PRINT_HEIGHT_PX = (297 - 33) / 25.4 * 96  # and less the top and bottom margins
RUNNING_FONT = "'Liberation Sans', Arial, 'Noto Sans SC', 'DejaVu Sans', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif"
RUNNING_LOOK = f"font-family: {RUNNING_FONT}; font-size: 7.5pt; color: #666;"
MAX_FRONT_PRINTS = 3  # the whole bank's front: printed again if filling in its page numbers moved a page

HOLD = '<style id="print-hold">html { display: none !important; }</style>'
# Runs in the page while it is held (page scripts are off: sheets need none, and Material's
# would rewrite every internal link into an absolute URL to this throwaway server). What changes
# styles before anything is measured is done here, where it costs no layout; then every KaTeX
# face (a sheet uses most of them) and the Noto Sans SC slices the text needs are loaded, and
# the page is shown.
SHOW = """async ([margin, look]) => {
  // Collapsed blocks print open; Material only opens them for the browser's print dialog.
  document.querySelectorAll('details').forEach(d => d.open = true);
  // External links print their address after the text (print.css); docs/assets/javascripts/print.js
  // does the same on the site for the browser's print dialog.
  for (const a of document.querySelectorAll('.md-typeset a[href]')) {
    a.classList.toggle('print-url', a.protocol.startsWith('http') && a.host !== location.host &&
      a.textContent.trim() !== a.href.replace(/\\/$/, ''));
  }
  // Running header and footer: the sheet's title and the site's name at the top, the build
  // date and version at the bottom (page numbers are laid over later); none on a cover.
  const s = document.querySelector('.print-stamp');
  const stamp = s ? s.dataset : {title: document.title, site: '', date: '', version: ''};
  const text = value => JSON.stringify(value || '');
  const style = document.createElement('style');
  style.textContent = `@page { size: A4; margin: ${margin};
    @top-left { content: ${text(stamp.title)}; ${look} } @top-right { content: ${text(stamp.site)}; ${look} }
    @bottom-left { content: ${text(`${stamp.date} · 版本 ${stamp.version}`)}; ${look} } }` +
    (document.querySelector('.print-cover') ? `@page :first { @top-left { content: none } @top-right { content: none }
       @bottom-left { content: none } }` : '');
  document.head.append(style);
  const used = document.body.textContent + Object.values(stamp).join(' ');
  await Promise.all([
    ...[...document.fonts].filter(face => face.family.startsWith('KaTeX')).map(face => face.load().catch(() => null)),
    ...['400', '700'].map(weight => document.fonts.load(`${weight} 16px "Noto Sans SC"`, used).catch(() => null)),
  ]);
  document.getElementById('print-hold').remove();
}"""
# Then what needs the print layout. Each round measures, then changes: one layout per round.
FIT = """async pageHeight => {
  await document.fonts.ready;
  // A formula, table or code block wider than its column gets a font that much smaller
  // (KaTeX, tables and code are sized in em, so their width nearly scales with it); the ones
  // made smaller are measured again, in case a part that does not scale keeps one too wide.
  let wide = [...document.querySelectorAll('.katex-display, .md-typeset table, .md-typeset pre')];
  for (let round = 0; round < 3 && wide.length; round++) {
    const shrink = [];
    for (const el of wide) {
      let box = el.parentElement;
      while (getComputedStyle(box).display === 'contents') box = box.parentElement;
      const style = getComputedStyle(box);
      const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (el.scrollWidth > room + 1) shrink.push([el, parseFloat(getComputedStyle(el).fontSize) * room / el.scrollWidth]);
    }
    for (const [el, size] of shrink) el.style.fontSize = `${Math.floor(size * 10) / 10}px`;
    wide = shrink.map(([el]) => el);
  }
  // print.css keeps formulas, code, list items and table rows whole; one taller than a third
  // of a page may break instead, or moving it whole would leave most of a page blank.
  const tall = [...document.querySelectorAll('.katex-display, .md-typeset pre, .md-typeset .highlight, .md-typeset li, .md-typeset tr')]
    .filter(el => el.getBoundingClientRect().height > pageHeight / 3);
  tall.forEach(el => el.style.breakInside = 'auto');
}"""
# The headings bookmarks are made from: (level, id, text without the permalink sign).
HEADINGS = """() => [...document.querySelectorAll('article :is(h1, h2, h3, h4)[id]')].map(h => {
  const copy = h.cloneNode(true);
  copy.querySelectorAll('.headerlink, bank-tex, .katex-mathml').forEach(el => el.remove());
  return [Number(h.tagName[1]), h.id, copy.textContent.replace(/\\s+/g, ' ').trim()];
})"""
FILL_CONTENTS = """numbers => document.querySelectorAll('[data-toc]').forEach(
  el => { el.textContent = numbers[el.dataset.toc] ?? ''; })"""


def numbers_page(pages: int, cover: bool) -> str:
    """An HTML page of `pages` empty pages showing only "page / pages" where the footer ends."""
    first = "@page :first { @bottom-right { content: none } }" if cover else ""
    return (f"<!doctype html><style>@page {{ size: A4; margin: {MARGIN};"
            f" @bottom-right {{ content: counter(page) ' / ' counter(pages); {RUNNING_LOOK} }} }} {first}"
            "body { margin: 0 } div { height: 1px; break-after: page } div:last-child { break-after: auto }</style>"
            + "<div></div>" * pages)


class Printer:
    """Prints the print pages of a built site, served at `base_url`, in `tabs` reused tabs.

    Reusing a tab keeps the fonts it decoded: a new tab decodes every KaTeX face and Noto Sans
    SC slice again, about 0.5 s per sheet."""

    def __init__(self, context, base_url: str, tabs: int):
        self.context, self.base_url, self.tabs = context, base_url, tabs
        self._idle: asyncio.Queue = asyncio.Queue()
        self._opened = 0

    @contextlib.asynccontextmanager
    async def _tab(self):
        """An idle tab, a new one while fewer than `tabs` are open, or else the first to be
        given back (first come, first served)."""
        if self._idle.empty() and self._opened < self.tabs:
            self._opened += 1  # counted before the await: the next caller sees it
            tab = await self._new_tab()
        else:
            tab = await self._idle.get()
        try:
            yield tab
        finally:
            self._idle.put_nowait(tab)

    async def _new_tab(self):
        tab = await self.context.new_page()
        await tab.emulate_media(media="print")  # FIT measures the print layout
        return tab

    async def _open(self, tab, name: str) -> None:
        url = f"{self.base_url}{sheets.PRINT_DIR}/{name}/"
        response = await tab.goto(url, wait_until="load", timeout=0)  # sent held (HOLD) by the server
        if response is None or not response.ok:
            raise RuntimeError(f"{url} answered {response.status if response else 'nothing'}")
        await tab.evaluate(SHOW, [MARGIN, RUNNING_LOOK])
        await tab.evaluate(FIT, PRINT_HEIGHT_PX)

    @staticmethod
    async def _pdf(tab) -> bytes:
        return await tab.pdf(prefer_css_page_size=True, print_background=True)

    async def body(self, name: str) -> Body:
        """A topic sheet or quiz as Chromium prints it."""
        async with self._tab() as tab:
            await self._open(tab, name)
            headings = await tab.evaluate(HEADINGS)
            data = await self._pdf(tab)
        return await asyncio.to_thread(Body, name, data, [tuple(h) for h in headings])

    async def front(self, name: str, contents: Callable[[int], Awaitable[dict[str, int]]]) -> Body:
        """The whole bank's cover and contents. Printed first while the topic sheets print, for
        its length; `contents` then gives the page numbers for a front that long (once the
        topic sheets are done), and they are filled in and printed. It has a tab of its own:
        it waits for the topic sheets, and the pool's tabs print them."""
        tab = await self._new_tab()
        try:
            await self._open(tab, name)
            body = await asyncio.to_thread(Body, name, await self._pdf(tab), [])
            for _ in range(MAX_FRONT_PRINTS):
                await tab.evaluate(FILL_CONTENTS, await contents(body.pages))
                filled = await asyncio.to_thread(Body, name, await self._pdf(tab), [])
                if filled.pages == body.pages:
                    return filled
                body = filled
        finally:
            await tab.close()
        raise RuntimeError(f"the contents of {name}.pdf did not settle after {MAX_FRONT_PRINTS} prints")

    async def page_numbers(self, pages: int, cover: bool) -> bytes:
        async with self._tab() as tab:
            await tab.set_content(numbers_page(pages, cover))
            return await self._pdf(tab)

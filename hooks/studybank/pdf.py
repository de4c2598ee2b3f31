"""Write the PDF study sheets: every print page of a built site → site/pdf/<name>.pdf.

    python -m studybank.pdf site [--jobs N]

The built site is served on 127.0.0.1 by a throwaway http.server thread and each print
page (site/print/<name>/) is opened in Debian's Chromium, driven by Playwright with
executable_path (no browser is downloaded), and printed with page.pdf(): bookmarks from
the headings (outline), internal links, and a running header and footer drawn as CSS page
margin boxes (none on the whole bank's cover). Pages render concurrently in one browser.

The whole-bank sheet's contents are numbered from the topic PDFs first (each topic starts a
page and lays out the same there), then checked against the printed bank itself: every
element id becomes a named destination in Chromium's PDF, so the page of each topic and
question is read back (pypdf) and any difference is written in and printed again.

Each PDF is written to a temporary name and renamed, so a failed run never leaves a half
PDF under the final name. A missing browser or font is one line on stderr, no traceback.
"""
from __future__ import annotations

import argparse
import asyncio
import functools
import glob
import io
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import sheets

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
INSTALL_HINT = "run `make system`, or apt-get install chromium fonts-wqy-microhei fonts-noto-cjk"
CJK_FONT_FILES = ("/usr/share/fonts/**/*CJK*", "/usr/share/fonts/**/wqy*", "/usr/share/fonts/**/*SourceHan*")
MARGIN = "17mm 15mm 16mm"  # top, sides, bottom
PRINT_WIDTH_PX = round((210 - 30) / 25.4 * 96)  # A4 less the side margins, in CSS px
PRINT_HEIGHT_PX = (297 - 33) / 25.4 * 96  # and less the top and bottom margins
# The running header and footer are CSS page-margin boxes (added to the page by PREPARE),
# not Chromium's header/footer templates: a cover page can leave them out (@page :first).
RUNNING_FONT = "'Liberation Sans', Arial, 'Noto Sans SC', 'DejaVu Sans', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif"


class Unavailable(Exception):
    """Something the PDF step needs is not installed or not built; the message says what."""


@dataclass
class Sheet:
    name: str
    path: Path  # final PDF
    pages: int = 0
    seconds: float = 0.0
    anchors: dict[str, int] = field(default_factory=dict)  # t-<slug> / q-<id> → page


def check_environment() -> None:
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"Chromium ({CHROMIUM})")
    if not _has_cjk_font():
        missing.append("a Chinese font")
    if missing:
        raise Unavailable(f"cannot print PDFs, missing {' and '.join(missing)}: {INSTALL_HINT}")
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        raise Unavailable("cannot print PDFs: the Python package playwright is missing; run `make install`") from None


def _has_cjk_font() -> bool:
    if shutil.which("fc-list"):
        found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
        return bool(found.stdout.strip())
    return any(glob.glob(pattern, recursive=True) for pattern in CJK_FONT_FILES)


# what a print page loads from the built site: without it a sheet prints unstyled
SITE_ASSETS = ("assets/katex/katex.min.css", "assets/stylesheets/print.css", "assets/javascripts/print.js")


def find_sheets(site: Path, in_bank: list[str]) -> list[str]:
    """The sheets to print; refuses a partial site, naming what is missing. `in_bank`: the
    topic slugs the whole-bank sheet lists, each of which needs its sheet and quiz."""
    names = sorted(p.parent.name for p in (site / sheets.PRINT_DIR).glob("*/index.html"))
    if not names:
        raise Unavailable(f"no print pages in {site / sheets.PRINT_DIR}: build the site first (make build)")
    missing = [asset for asset in SITE_ASSETS if not (site / asset).is_file()]
    for slug in in_bank:
        missing += [f"{sheets.PRINT_DIR}/{name}/index.html" for name in (sheets.topic_sheet(slug), sheets.quiz_sheet(slug))
                    if name not in names]
    if sheets.BANK_SHEET not in names:
        missing.append(f"{sheets.PRINT_DIR}/{sheets.BANK_SHEET}/index.html")
    if missing:
        raise Unavailable(f"{site} is not a complete build, missing {', '.join(missing)}: rebuild it (make build)")
    return names


def read_pdf(data: bytes) -> tuple[int, dict[str, int]]:
    """(pages, {anchor: page}) of a PDF Chromium printed: every element id of the print page
    is a named destination, so a topic (t-<slug>) or question (q-<id>) maps to the page
    where its heading was laid out."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    page_of = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    anchors = {}
    for name, dest in reader.named_destinations.items():
        if name.startswith(ANCHOR_PREFIXES) and dest.page is not None:
            anchors[name[1:]] = page_of[dest.page.idnum]
    return len(reader.pages), anchors


ANCHOR_PREFIXES = ("/t-", "/q-")


# Runs in the page before printing (page scripts are off: sheets need none, and Material's
# would rewrite every internal link into an absolute URL to this throwaway server).
PREPARE = """async ([margin, font, pageHeight]) => {
  // Collapsed blocks print open; Material only opens them for the browser's print dialog.
  document.querySelectorAll('details').forEach(d => d.open = true);
  // External links print their address after the text (print.css); docs/assets/javascripts/print.js
  // does the same on the site for the browser's print dialog.
  for (const a of document.querySelectorAll('.md-typeset a[href]')) {
    a.classList.toggle('print-url', a.protocol.startsWith('http') && a.host !== location.host &&
      a.textContent.trim() !== a.href.replace(/\\/$/, ''));
  }
  await document.fonts.ready;
  // A formula, table or code block wider than its column gets a smaller font until it fits
  // (each round measures everything, then changes everything: one layout per round).
  for (let round = 0; round < 3; round++) {
    const wide = [];
    for (const el of document.querySelectorAll('.katex-display, .md-typeset table, .md-typeset pre')) {
      let box = el.parentElement;
      while (getComputedStyle(box).display === 'contents') box = box.parentElement;
      const style = getComputedStyle(box);
      const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (el.scrollWidth > room + 1) wide.push([el, parseFloat(getComputedStyle(el).fontSize) * room / el.scrollWidth]);
    }
    if (!wide.length) break;
    for (const [el, size] of wide) el.style.fontSize = `${Math.floor(size * 10) / 10}px`;
  }
  // Running header and footer: the sheet's title and the site's name at the top, the build
  // date and version and "page / pages" at the bottom; none on a cover.
  // print.css keeps formulas, code, list items and table rows whole; one taller than a third
  // of a page may break instead, or moving it whole would leave most of a page blank.
  for (const el of document.querySelectorAll('.katex-display, .md-typeset pre, .md-typeset .highlight, .md-typeset li, .md-typeset tr')) {
    if (el.getBoundingClientRect().height > pageHeight / 3) el.style.breakInside = 'auto';
  }
  const s = document.querySelector('.print-stamp');
  const stamp = s ? s.dataset : {title: document.title, site: '', date: '', version: ''};
  const text = value => JSON.stringify(value || '');
  const look = `font-family: ${font}; font-size: 7.5pt; color: #666;`;
  const style = document.createElement('style');
  style.textContent = `@page { size: A4; margin: ${margin};
    @top-left { content: ${text(stamp.title)}; ${look} } @top-right { content: ${text(stamp.site)}; ${look} }
    @bottom-left { content: ${text(`${stamp.date} · 版本 ${stamp.version}`)}; ${look} }
    @bottom-right { content: counter(page) " / " counter(pages); ${look} } }` +
    (document.querySelector('.print-cover') ? `@page :first { @top-left { content: none } @top-right { content: none }
       @bottom-left { content: none } @bottom-right { content: none } }` : '');
  document.head.append(style);
}"""
CONTENTS_ANCHORS = """() => [...document.querySelectorAll('[data-toc]')].map(el => el.dataset.toc)"""
MAX_PRINTS = 3  # the whole bank: a first print, then at most two to correct its contents
FILL_CONTENTS = """numbers => document.querySelectorAll('[data-toc]').forEach(
  el => { el.textContent = numbers[el.dataset.toc] ?? ''; })"""
# Pages before the first topic: the cover, then the contents laid out the way print.css
# breaks them (an entry is never split; a topic's name stays with its first question).
FRONT_PAGES = """pageHeight => {
  let pages = 1, top = null;
  const entries = [...document.querySelectorAll('.print-toc-title, .print-toc a')];
  entries.forEach((el, i) => {
    const box = el.getBoundingClientRect();
    top ??= box.top;
    const keep = el.classList.contains('print-toc-topic') && entries[i + 1] ? entries[i + 1].getBoundingClientRect().bottom : box.bottom;
    if (keep - top > pageHeight) { pages += 1; top = box.top; }
  });
  return pages + (top === null ? 0 : 1);
}"""


class Printer:
    """Prints sheets in one browser context; `jobs` pages at a time, plus the whole bank."""

    def __init__(self, context, site: Path, out: Path, base_url: str, jobs: int):
        self.context, self.site, self.out, self.base_url = context, site, out, base_url
        self.slots = asyncio.Semaphore(jobs)

    async def _open(self, name: str):
        page = await self.context.new_page()
        await page.emulate_media(media="print")  # PREPARE measures the print layout
        await page.goto(f"{self.base_url}{sheets.PRINT_DIR}/{name}/", wait_until="load", timeout=0)
        await page.evaluate(PREPARE, [MARGIN, RUNNING_FONT, PRINT_HEIGHT_PX])
        return page

    @staticmethod
    async def _pdf(page) -> bytes:
        # outline: bookmarks from the headings (topic › question › answer parts); tagged:
        # the structure the outline is made from, and what screen readers read
        return await page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)

    def _save(self, name: str, data: bytes, started: float) -> Sheet:
        pages, anchors = read_pdf(data)
        sheet = Sheet(name, self.out / f"{name}.pdf", pages, anchors=anchors)
        _write_atomically(sheet.path, data)
        sheet.seconds = time.perf_counter() - started
        return sheet

    async def sheet(self, name: str) -> Sheet:
        async with self.slots:
            started = time.perf_counter()
            page = await self._open(name)
            try:
                data = await self._pdf(page)
            finally:
                await page.close()
        return await asyncio.to_thread(self._save, name, data, started)

    async def bank(self, topic_tasks: list[asyncio.Task]) -> Sheet:
        """The whole bank: the longest job, so it loads while the topic sheets print and is
        printed as soon as they are done (outside the slots).

        Its contents are first numbered from the topic sheets (each topic starts a page and
        lays out as on its own sheet), then checked against the pages the printed bank puts
        every topic and question on; any difference is written in and the bank printed again.
        """
        started = time.perf_counter()
        page = await self._open(sheets.BANK_SHEET)
        try:
            front = await page.evaluate(FRONT_PAGES, PRINT_HEIGHT_PX)
            wanted = await page.evaluate(CONTENTS_ANCHORS)
            predicted = self._predicted(front, [await task for task in topic_tasks])
            numbers = {anchor: predicted.get(anchor) for anchor in wanted}
            for _ in range(MAX_PRINTS):
                await page.evaluate(FILL_CONTENTS, numbers)
                data = await self._pdf(page)
                _, printed = await asyncio.to_thread(read_pdf, data)
                found = {anchor: printed.get(anchor) for anchor in wanted}
                if found == numbers:
                    break
                numbers = found
            else:
                raise Unavailable(f"the contents of {sheets.BANK_SHEET}.pdf did not settle after {MAX_PRINTS} prints")
        finally:
            await page.close()
        return await asyncio.to_thread(self._save, sheets.BANK_SHEET, data, started)

    @staticmethod
    def _predicted(front: int, topics: list[Sheet]) -> dict[str, int]:
        """Contents page numbers from the topic sheets: the front pages, then each topic's."""
        numbers, offset = {}, front
        for sheet in topics:
            numbers.update({anchor: offset + n for anchor, n in sheet.anchors.items()})
            offset += sheet.pages
        return numbers


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.part")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


async def _print_all(site: Path, out: Path, names: list[str], in_bank: list[str], base_url: str,
                     jobs: int) -> list[Sheet]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(locale="zh-CN", java_script_enabled=False,
                                                viewport={"width": PRINT_WIDTH_PX, "height": 1000})
            printer = Printer(context, site, out, base_url, jobs)
            # topic sheets first, longest first (the whole bank waits for them); quizzes last
            order = sorted((n for n in names if n != sheets.BANK_SHEET),
                           key=lambda n: (n.endswith(sheets.QUIZ_SUFFIX), -_page_size(site, n)))
            tasks = {n: asyncio.create_task(printer.sheet(n)) for n in order}
            if sheets.BANK_SHEET in names:
                topic_tasks = [tasks[slug] for slug in in_bank if slug in tasks]
                tasks[sheets.BANK_SHEET] = asyncio.create_task(printer.bank(topic_tasks))
            try:
                return list(await asyncio.gather(*tasks.values()))
            finally:
                for task in tasks.values():
                    task.cancel()
        finally:
            await browser.close()


def _page_size(site: Path, name: str) -> int:
    return (site / sheets.PRINT_DIR / name / "index.html").stat().st_size


def _bank_topics(site: Path) -> list[str]:
    """Topic slugs in the whole bank's order, read from its contents."""
    page = site / sheets.PRINT_DIR / sheets.BANK_SHEET / "index.html"
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    return re.findall(r'data-toc="t-([^"]+)"', text)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def write_pdfs(site: Path, jobs: int = 0) -> tuple[list[Sheet], float]:
    """Print every sheet of a built site into site/pdf/; returns the sheets and the seconds.

    `make bench` can call this on a built site to time the PDF step.
    """
    site = Path(site)
    check_environment()
    in_bank = _bank_topics(site)  # read once: the whole-bank page is the largest file of the site
    names = find_sheets(site, in_bank)
    out = site / sheets.PDF_DIR
    out.mkdir(exist_ok=True)
    started = time.perf_counter()
    server, base_url = serve(site)
    try:
        done = asyncio.run(_print_all(site, out, names, in_bank, base_url, jobs or max(2, os.cpu_count() or 2)))
    finally:
        server.shutdown()
        server.server_close()
    return done, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studybank.pdf", description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build output)")
    parser.add_argument("--jobs", type=int, default=0, help="pages printed at once (default: CPU count, at least 2)")
    parser.add_argument("--times", action="store_true", help="also print the time of each sheet")
    args = parser.parse_args(argv)
    try:
        done, seconds = write_pdfs(args.site, args.jobs)
    except KeyboardInterrupt:  # finished sheets are kept; a sheet being written was never renamed
        print("interrupted: no half-written PDF is left", file=sys.stderr)
        return 130
    except Unavailable as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # a browser that fails to start or crashes: one line, not a traceback
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        print(f"error: printing PDFs failed: {first}", file=sys.stderr)
        return 1
    if args.times:
        for sheet in sorted(done, key=lambda s: -s.seconds):
            print(f"  {sheet.seconds:6.1f} s  {sheet.pages:4d} pages  {sheet.path.name}")
    pages = sum(s.pages for s in done)
    print(f"PDF study sheets: {len(done)} files, {pages} pages in {args.site / sheets.PDF_DIR} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

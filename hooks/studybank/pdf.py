"""Write the PDF study sheets: every print page of a built site → site/pdf/<name>.pdf.

    python -m studybank.pdf site [--jobs N]

The built site is served on 127.0.0.1 by a throwaway http.server thread and each print
page (site/print/<name>/) is opened in Debian's Chromium, driven by Playwright with
executable_path (no browser is downloaded), and printed with page.pdf(). Pages render
concurrently in one browser. The whole-bank sheet is printed last: its contents get their
page numbers from the topic PDFs, since each topic starts a page and lays out the same there
(print.css and the scaling in PREPARE keep every sheet at the page width, so Chromium never
shrinks one sheet to fit and not another).

Each PDF is written to a temporary name and renamed, so a failed run never leaves a half
PDF under the final name. A missing browser or font is one line on stderr, no traceback.
"""
from __future__ import annotations

import argparse
import asyncio
import functools
import glob
import html
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
MARGIN = {"top": "17mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}
PRINT_WIDTH_PX = round((210 - 30) / 25.4 * 96)  # A4 less the side margins, in CSS px
PRINT_HEIGHT_PX = (297 - 33) / 25.4 * 96  # and less the top and bottom margins
TEXT_STYLE = ("font-family:'Liberation Sans',Arial,'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif;"
              "font-size:7.5pt;color:#666;width:100%;margin:0 15mm;display:flex;justify-content:space-between")


class Unavailable(Exception):
    """Something the PDF step needs is not installed or not built; the message says what."""


@dataclass
class Sheet:
    name: str
    path: Path  # final PDF
    pages: int = 0
    seconds: float = 0.0
    questions: dict[str, int] = field(default_factory=dict)  # question id → page (topic sheets)


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


def count_pages(pdf: bytes) -> int:
    """Pages of a PDF written by Chromium (Skia): the root page tree has the largest /Count."""
    return max(int(n) for n in re.findall(rb"/Count (\d+)", pdf))


NUMBER_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(\d+)\.</word>')


def topic_page_numbers(pdf: Path, ids: list[str]) -> dict[str, int]:
    """Page of each question in a topic PDF (needs pdftotext; {} without it).

    A question's title starts with its number ("3."), set larger than any other numbered
    line, so the tallest "<n>." words on the pages, in order, are the questions.
    """
    if not shutil.which("pdftotext"):
        return {}
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True).stdout.decode("utf-8", "replace")
    words = [(page, float(y1) - float(y0), int(n))
             for page, chunk in enumerate(text.split("<page ")[1:], 1) for y0, y1, n in NUMBER_WORD.findall(chunk)]
    if not words:
        return {}
    tallest = max(height for _, height, _ in words)
    found, expected = {}, 1
    for page, height, number in words:
        if height > tallest - 0.5 and number == expected and expected <= len(ids):
            found[ids[expected - 1]], expected = page, expected + 1
    return found


def _templates(stamp: dict) -> tuple[str, str]:
    esc = {k: html.escape(v or "") for k, v in stamp.items()}
    header = f'<div style="{TEXT_STYLE}"><span>{esc["title"]}</span><span>{esc["site"]}</span></div>'
    footer = (f'<div style="{TEXT_STYLE}"><span>{esc["date"]} · 版本 {esc["version"]}</span>'
              f'<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')
    return header, footer


# Runs in the page before printing (page scripts are off: sheets need none, and Material's
# would rewrite every internal link into an absolute URL to this throwaway server).
PREPARE = """async () => {
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
  const s = document.querySelector('.print-stamp');
  return s ? {title: s.dataset.title, site: s.dataset.site, date: s.dataset.date, version: s.dataset.version}
           : {title: document.title, site: '', date: '', version: ''};
}"""
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
        await page.goto(f"{self.base_url}{sheets.PRINT_DIR}/{name}/", wait_until="load")
        return page, await page.evaluate(PREPARE)

    @staticmethod
    async def _pdf(page, stamp: dict) -> bytes:
        header, footer = _templates(stamp)
        return await page.pdf(format="A4", margin=MARGIN, print_background=True,
                              display_header_footer=True, header_template=header, footer_template=footer)

    def _save(self, name: str, data: bytes, started: float) -> Sheet:
        sheet = Sheet(name, self.out / f"{name}.pdf", count_pages(data))
        _write_atomically(sheet.path, data)
        sheet.seconds = time.perf_counter() - started
        return sheet

    async def sheet(self, name: str, topic: bool = False) -> Sheet:
        async with self.slots:
            started = time.perf_counter()
            page, stamp = await self._open(name)
            try:
                sheet = self._save(name, await self._pdf(page, stamp), started)
            finally:
                await page.close()
        if topic:  # for the whole bank's contents
            sheet.questions = await asyncio.to_thread(topic_page_numbers, sheet.path, _question_ids(self.site, name))
        return sheet

    async def bank(self, topic_tasks: list[asyncio.Task]) -> Sheet:
        """The whole bank: the longest job, so it loads while the topic sheets print and is
        printed as soon as they are done (outside the slots), its contents numbered from them."""
        started = time.perf_counter()
        page, stamp = await self._open(sheets.BANK_SHEET)
        try:
            front = await page.evaluate(FRONT_PAGES, PRINT_HEIGHT_PX)
            topics = [await task for task in topic_tasks]
            await self._number(page, front, topics)
            data = await self._pdf(page, stamp)
            if count_pages(data) != front + sum(t.pages for t in topics):  # estimate was off: once more
                front = count_pages(data) - sum(t.pages for t in topics)
                await self._number(page, front, topics)
                data = await self._pdf(page, stamp)
        finally:
            await page.close()
        if count_pages(data) != front + sum(t.pages for t in topics):
            print(f"warning: the contents of {sheets.BANK_SHEET}.pdf may be off by some pages: "
                  "a topic lays out differently alone and in the whole bank", file=sys.stderr)
        return self._save(sheets.BANK_SHEET, data, started)

    @staticmethod
    async def _number(page, front: int, topics: list[Sheet]) -> None:
        """Fill in the contents' page numbers: the front pages, then each topic's pages."""
        numbers, first = {}, front + 1
        for sheet in topics:
            numbers[f"t-{sheet.name}"] = first
            numbers.update({f"q-{qid}": first + n - 1 for qid, n in sheet.questions.items()})
            first += sheet.pages
        await page.evaluate(FILL_CONTENTS, numbers)


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
            tasks = {n: asyncio.create_task(printer.sheet(n, topic=n in in_bank)) for n in order}
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


def _question_ids(site: Path, name: str) -> list[str]:
    """Ids of a topic sheet's questions, in order, from its built page."""
    text = (site / sheets.PRINT_DIR / name / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<h2 class="print-q" id="q-([^"]+)"', text)


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

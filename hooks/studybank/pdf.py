"""Write the PDF study sheets: every print page of a built site → site/pdf/<name>.pdf.

    python -m studybank.pdf site [--jobs N] [--times]

The built site is served on 127.0.0.1 by a throwaway http.server thread. Chromium prints each
topic's sheet and quiz (pdfprint.py), `jobs` at a time, longest first; pikepdf adds their page
numbers, bookmarks and links (pdfassemble.py). The whole bank is then its cover and contents,
printed last with the contents' page numbers taken from the topic sheets, followed by the
topic sheets' own pages: nothing is laid out twice.

Each PDF is written to a temporary name and renamed, so a failed run never leaves a half
PDF under the final name. A missing browser or font is one line on stderr, no traceback.
"""
from __future__ import annotations

import argparse
import asyncio
import functools
import glob
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import pdfassemble, sheets
from .pdfassemble import Body
from .pdfprint import HOLD, PRINT_WIDTH_PX, Printer
from .printing import BANK_TITLE

# Chromium's headless shell (the browser Playwright itself runs headless): the full browser's
# headless mode also starts its user interface, and printed the sheets about a fifth slower.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
INSTALL_HINT = "run `make system`, or apt-get install chromium-headless-shell fonts-wqy-microhei fonts-noto-cjk"
CJK_FONT_FILES = ("/usr/share/fonts/**/*CJK*", "/usr/share/fonts/**/wqy*", "/usr/share/fonts/**/*SourceHan*")


class Unavailable(Exception):
    """Something the PDF step needs is not installed or not built; the message says what."""


@dataclass
class Sheet:
    name: str
    path: Path  # final PDF
    pages: int
    seconds: float


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
SITE_ASSETS = ("assets/katex/katex.min.css", "assets/stylesheets/print.css", "assets/javascripts/print.js",
               "assets/fonts/noto-sans-sc/print-font.css")


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


def contents_numbers(front_pages: int, parts: list[Body]) -> dict[str, int]:
    """The whole bank's page of every topic and question: after the front, each topic's
    pages as printed on its own sheet."""
    numbers, offset = {}, front_pages
    for body in parts:
        numbers.update({anchor: offset + page for anchor, page in body.anchors.items()})
        offset += body.pages
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

    async def topic_sheet(name: str) -> tuple[Sheet, Body]:
        async with slots:  # released before pikepdf's part: the next sheet can print meanwhile
            started = time.perf_counter()
            body = await printer.body(name)
            numbers = await printer.page_numbers(body.pages, cover=False)
        data = await asyncio.to_thread(pdfassemble.sheet, body, numbers, base_url)
        return await asyncio.to_thread(_save, out, name, data, body.pages, started), body

    async def whole_bank(parts: list[asyncio.Task]) -> tuple[Sheet, None]:
        # not in a slot: its front is a few pages, and the rest is joining what the topics printed
        bodies, started = [], 0.0

        async def contents(front_pages: int) -> dict[str, int]:
            nonlocal started
            if not bodies:
                bodies.extend(body for _, body in [await part for part in parts])
                started = time.perf_counter()
            return contents_numbers(front_pages, bodies)

        front = await printer.front(sheets.BANK_SHEET, contents)
        total = front.pages + sum(body.pages for body in bodies)
        numbers = await printer.page_numbers(total, cover=True)
        data = await asyncio.to_thread(pdfassemble.bank, front, bodies, BANK_TITLE, numbers, base_url)
        return await asyncio.to_thread(_save, out, sheets.BANK_SHEET, data, total, started), None

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(locale="zh-CN", java_script_enabled=False,
                                                viewport={"width": PRINT_WIDTH_PX, "height": 1000})
            printer, slots = Printer(context, base_url, jobs), asyncio.Semaphore(jobs)
            # topic sheets first, longest first (the whole bank waits for them); quizzes last
            order = sorted((n for n in names if n != sheets.BANK_SHEET),
                           key=lambda n: (n.endswith(sheets.QUIZ_SUFFIX), -_page_size(site, n)))
            tasks = {n: asyncio.create_task(topic_sheet(n)) for n in order}
            if sheets.BANK_SHEET in names:
                tasks[sheets.BANK_SHEET] = asyncio.create_task(whole_bank([tasks[slug] for slug in in_bank]))
            try:
                return [sheet for sheet, _ in await asyncio.gather(*tasks.values())]
            finally:
                for task in tasks.values():
                    task.cancel()
        finally:
            await browser.close()


def _save(out: Path, name: str, data: bytes, pages: int, started: float) -> Sheet:
    path = out / f"{name}.pdf"
    _write_atomically(path, data)
    return Sheet(name, path, pages, time.perf_counter() - started)


def _page_size(site: Path, name: str) -> int:
    return (site / sheets.PRINT_DIR / name / "index.html").stat().st_size


def _bank_topics(site: Path) -> list[str]:
    """Topic slugs in the whole bank's order, read from its contents."""
    page = site / sheets.PRINT_DIR / sheets.BANK_SHEET / "index.html"
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    return re.findall(r'data-toc="t-([^"]+)"', text)


PRINT_PAGE_PATH = re.compile(rf"/{re.escape(sheets.PRINT_DIR)}/[^/]+/")


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            # A print page is sent held (pdfprint.HOLD). Done here rather than with Playwright's
            # page.route, which would turn off the browser's cache for every stylesheet and font.
            path = urlsplit(self.path).path
            if not PRINT_PAGE_PATH.fullmatch(path):
                return super().do_GET()
            page = site / path.strip("/") / "index.html"
            if not page.is_file():
                return self.send_error(404)
            body = page.read_text(encoding="utf-8").replace("</head>", HOLD + "</head>", 1).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self):
            # every sheet loads the same stylesheets and font slices: the browser keeps them
            self.send_header("Cache-Control", "max-age=3600")
            super().end_headers()

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

"""What a reader downloads besides the pages: the PDF study sheets and the Anki deck.

`make site` writes them into site/ after the pages. `mkdocs serve` builds elsewhere, so it
serves the ones the last `make site` left in site/, and a link to one that was never made
becomes a note saying how to make it: the preview never shows a dead download link.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import sheets

ANKI_DECK = "llm-interview-bank.apkg"
LINK = re.compile(r'<a [^>]*?href="((?:\.\./)*)((?:' + sheets.PDF_DIR + r'/[^"/]+\.pdf)|' + re.escape(ANKI_DECK)
                  + r')"[^>]*>(.*?)</a>', re.S)
SESSION = {"serving": False}  # set by the hooks at start: is this `mkdocs serve`?
NOT_MADE = "（预览里还没有这个文件：运行 <code>make site</code> 生成）"


def made(site: Path) -> dict[str, Path]:
    """{path in the site: file} of the downloads the last `make site` wrote into `site`."""
    found = {f"{sheets.PDF_DIR}/{pdf.name}": pdf for pdf in sorted((site / sheets.PDF_DIR).glob("*.pdf"))}
    if (site / ANKI_DECK).is_file():
        found[ANKI_DECK] = site / ANKI_DECK
    return found


def unlink_missing(html: str, available: set[str]) -> str:
    """Each download link whose file is not in `available` → its text and how to make it."""
    def replace(link: re.Match) -> str:
        return link.group(0) if link.group(2) in available else f'<span class="download-missing">{link.group(3)}{NOT_MADE}</span>'

    return LINK.sub(replace, html)


def relink_for_file_urls(html: str, index_page: bool) -> str:
    """Download links written for directory URLs (guide.md → guide/, so `../pdf/…`) in a
    build without them (the offline zip: guide.md → guide.html): one `../` fewer."""
    if index_page:
        return html
    return LINK.sub(lambda link: link.group(0).replace(f'href="{link.group(1)}', f'href="{link.group(1)[3:]}', 1)
                    if link.group(1) else link.group(0), html)

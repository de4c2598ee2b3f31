"""Reading a built site the way a reader's browser would: pages, search index, assets."""
from __future__ import annotations

import json
import re
from pathlib import Path

ASSET_URL = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']([^"']+)["']"""
    r"""|<link\b[^>]*\bhref=["']([^"']+)["']"""
    r"""|url\(\s*["']?([^"')\s]+)|@import\s+["']([^"']+)""", re.I)


def external_asset_urls(site: Path) -> list[str]:
    """Every stylesheet, script, font, image or frame a page would fetch from another host."""
    found = []
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in ASSET_URL.finditer(text):
            url = next(g for g in match.groups() if g)
            if re.match(r"(https?:)?//", url) and not re.match(r"(https?:)?//(127\.0\.0\.1|localhost)[:/]", url):
                # <link rel="canonical"> names the page's own public address; it loads nothing
                if 'rel="canonical"' in match.group(0):
                    continue
                found.append(f"{path.relative_to(site)}: {url}")
    return found


def search_entries(site: Path) -> dict[str, dict]:
    """The search worker's index (search/bank_index.js): each entry by its page's URL."""
    script = (site / "search" / "bank_index.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("=") + 1:script.rindex(";")])
    return {entry["url"]: entry for entry in index["docs"]}


def entry_words(entry: dict) -> set[str]:
    """The words an entry is found by, all fields together."""
    return {word for text in entry["fields"].values() for word in text.split()}

"""The Chinese font the study sheets and Ctrl+P print with, served by the site itself.

Noto Sans SC from the npm package @fontsource/noto-sans-sc, regular and bold, as the
Unicode-range slices of Google Fonts (a page loads only the slices its characters need).
Its outlines are TrueType, which Chromium embeds in a PDF as a real font; the Debian CJK
fonts either have no bold face (WenQuanYi Micro Hei: bold is faked and embedded as nameless
Type 3 glyphs) or CFF outlines (Noto Sans CJK: every glyph becomes Type 3).
"""
from __future__ import annotations

import re
from pathlib import Path

from .katex import PROJECT

PACKAGE = PROJECT / "node_modules" / "@fontsource" / "noto-sans-sc"
WEIGHTS = (400, 700)
SITE_DIR = "assets/fonts/noto-sans-sc"
STYLESHEET = f"{SITE_DIR}/print-font.css"  # linked by the print pages only (link_into)
FAMILY = "Noto Sans SC"
# the package names the woff2 slice and a woff fallback; every browser that prints reads woff2
SOURCE = re.compile(r"src: url\(\./files/([^)]+\.woff2)\) format\('woff2'\), url\([^)]+\) format\('woff'\);")


def stylesheet() -> tuple[str, list[Path]]:
    """(the @font-face rules with their URLs next to the slices in SITE_DIR, the slice files)."""
    rules, files = [], []
    for weight in WEIGHTS:
        css = (PACKAGE / f"{weight}.css").read_text(encoding="utf-8")
        files += [PACKAGE / "files" / name for name in SOURCE.findall(css)]
        rules.append(SOURCE.sub(r"src: url(\1) format('woff2');", css))
    return "\n".join(rules), files


def link_into(page_html: str, stylesheet_url: str) -> str:
    """A print page with the font's stylesheet linked, for print media only. Only the print
    pages behind the PDFs link it: on every other page it would be 197 KB of @font-face rules
    a phone fetches for nothing."""
    return page_html.replace("</head>", f'<link rel="stylesheet" href="{stylesheet_url}" media="print">\n</head>', 1)

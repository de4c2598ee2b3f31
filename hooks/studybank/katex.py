"""Formulas rendered by one long-lived Node process running npm `katex`.

markdown-katex as shipped starts a subprocess per formula and, where `npx` exists without
katex, probes for a katex command before every formula (~1.3 s each). Here one process
renders every formula of the build (and of every rebuild under `mkdocs serve`), with an
in-memory cache, and `install()` points markdown-katex's renderer at it.
"""
from __future__ import annotations

import atexit
import html
import json
import os
import re
import selectors
import shutil
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path

from .memo import Memo, digest

WORKER = Path(__file__).with_name("katex_worker.js")
PROJECT = Path(__file__).resolve().parents[2]
KATEX_DIST = PROJECT / "node_modules" / "katex" / "dist"


class KatexUnavailable(RuntimeError):
    """Node or the npm katex package is missing."""


class KatexParseError(ValueError):
    """KaTeX rejected a formula; the message is KaTeX's own."""


# A formula longer than this, or one KaTeX takes longer than this to render, is reported
# instead of rendered: macro expansion can make a short formula cost gigabytes and minutes.
MAX_TEX_CHARS = 5000
TIME_LIMIT_S = 10.0
# the worker's heap: a runaway formula kills the worker quickly instead of the machine
NODE_HEAP_MB = 1024

# A formula's marker, with the <p> around a display formula or the punctuation after an inline one
MARKER = re.compile(r"(<p>)?(tmp_(?:block|inline)_md_katex_[0-9a-f]{32})(</p>|[。，、；：？！）》」』”’.,;:!?)]+)?")
TYPESET = re.compile(r"<bank-math>(.*?)</bank-math>", re.S)
PLACEHOLDER = re.compile(r'<bank-math data-i="(\d+)"></bank-math>')


def wrap(tex: str, rendered: str) -> str:
    """KaTeX HTML for the page, followed by the formula's TeX as hidden text for search."""
    return f"<bank-math>{rendered}</bank-math><bank-tex hidden>{html.escape(tex, quote=False)}</bank-tex>"


ASIDE: Memo[tuple[str, list[str]]] = Memo()  # a rebuild sets aside only a changed page's formulas


def set_aside(page_html: str) -> tuple[str, list[str]]:
    """The page with every typeset formula replaced by an empty placeholder, and the formulas.

    Search then indexes each formula once, as its hidden TeX, instead of three times (KaTeX's
    glyph HTML, MathML and annotation), and its HTML parser is spared the hundreds of <span>s
    KaTeX emits per formula. `put_back` restores the formulas in the finished page.
    """
    return ASIDE.get(digest(page_html), lambda: _set_aside(page_html))


def _set_aside(page_html: str) -> tuple[str, list[str]]:
    formulas: list[str] = []

    def take(match: re.Match) -> str:
        formulas.append(match.group(0))
        return f'<bank-math data-i="{len(formulas) - 1}"></bank-math>'

    return TYPESET.sub(take, page_html), formulas


def put_back(page_html: str, formulas: list[str]) -> str:
    return PLACEHOLDER.sub(lambda m: formulas[int(m.group(1))], page_html)


MATHML = re.compile(r'<span class="katex-mathml"><math.*?</math></span>', re.S)


def without_mathml(formulas: list[str]) -> list[str]:
    """The formulas of a print page: KaTeX's MathML copy is for screen readers, never shown,
    and a third of a sheet's elements, which Chromium styles and lays out on every print."""
    return [MATHML.sub("", formula) for formula in formulas]


class KatexRenderer:
    def __init__(self, worker: Path = WORKER, time_limit: float = TIME_LIMIT_S) -> None:
        self.worker, self.time_limit = worker, time_limit
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, bool], str] = {}
        self.version = ""
        self.rendered = 0  # formulas KaTeX rendered or was stopped by (cache misses)

    def forget_worker(self) -> None:
        """In a forked copy of this process: the worker's pipes are the parent's to use; the
        copy starts its own worker if a formula is not in the cache."""
        self._process, self._lock = None, threading.Lock()

    def _start(self) -> subprocess.Popen:
        node = shutil.which("node")
        if not node:
            raise KatexUnavailable("node is not installed (run `make install`)")
        if not (KATEX_DIST / "katex.min.css").exists():
            raise KatexUnavailable("npm package katex is missing (run `make install`)")
        process = subprocess.Popen([node, f"--max-old-space-size={NODE_HEAP_MB}", str(self.worker)], cwd=PROJECT,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   text=True, encoding="utf-8")
        self.version = json.loads(process.stdout.readline())["version"]
        atexit.register(process.kill)
        return process

    def _stopped(self, overran: bool) -> dict:
        if overran:
            return {"error": f"KaTeX took longer than {self.time_limit:g} s (runaway macro expansion?)"}
        return {"error": "KaTeX ran out of memory on this formula (runaway macro expansion?)"}

    def _keep(self, key: tuple[str, bool], answer: dict) -> None:
        self._cache[key] = KatexParseError(answer["error"]) if "error" in answer else wrap(key[0], answer["html"])

    def render(self, tex: str, display: bool) -> str:
        """Return KaTeX HTML (wrapped for search) or raise KatexParseError."""
        key = (tex, display)
        if key not in self._cache:
            if len(tex) > MAX_TEX_CHARS:
                self._keep(key, {"error": f"formula of {len(tex)} characters; at most {MAX_TEX_CHARS}"})
            else:
                self.render_many([key])
        result = self._cache[key]
        if isinstance(result, KatexParseError):
            raise result
        return result

    def render_many(self, formulas: Iterable[tuple[str, bool]]) -> None:
        """Render into the cache every formula not yet there (and no longer than
        MAX_TEX_CHARS), all sent to the worker at once: KaTeX renders while the answers are
        read, instead of one round trip per formula (the real bank: 1.9 s instead of 3 s).
        Answers come in order, so a worker that overruns the time limit or dies was stopped by
        the first formula not answered: that one is reported, and the next formula starts a
        fresh worker."""
        wanted = list(dict.fromkeys(key for key in formulas if key not in self._cache and len(key[0]) <= MAX_TEX_CHARS))
        if not wanted:
            return
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._process = self._start()
            process, answered, pending = self._process, 0, b""

            def send() -> None:
                try:
                    for tex, display in wanted:
                        process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
                    process.stdin.flush()
                except (BrokenPipeError, ValueError):  # the worker died or was stopped
                    pass

            threading.Thread(target=send, daemon=True).start()
            stopped = False
            try:
                # answers are read from the pipe itself: a buffered readline() would hide a
                # second answer from the time limit's select()
                with selectors.DefaultSelector() as selector:
                    selector.register(process.stdout, selectors.EVENT_READ)
                    while answered < len(wanted):
                        if b"\n" in pending:
                            line, pending = pending.split(b"\n", 1)
                            self._keep(wanted[answered], json.loads(line))
                            answered += 1
                            continue
                        ready = selector.select(self.time_limit)
                        chunk = os.read(process.stdout.fileno(), 1 << 16) if ready else b""
                        if not chunk:
                            self._keep(wanted[answered], self._stopped(overran=not ready))
                            answered, stopped = answered + 1, True
                            break
                        pending += chunk
            except BaseException:
                stopped = True
                raise
            finally:
                self.rendered += answered
                if stopped:  # the worker may still owe answers: a fresh one serves the next formula
                    process.kill()
                    process.wait()
                    self._process = None


RENDERER = KatexRenderer()
os.register_at_fork(after_in_child=RENDERER.forget_worker)


def _replace_markers(self, text: str) -> str:
    """markdown-katex's postprocessor in one pass over the text.

    The original loops over every formula of the page with str.replace, and Python-Markdown's
    toc runs it once per heading as well: quadratic in formulas per page. This swaps each
    marker (and the <p> around a display formula) for its HTML in a single regex pass.
    An inline formula and the punctuation right after it are kept on one line: browsers break
    after a formula's last box, which could start a line with "。".
    """
    found = self.ext.math_html

    def swap(match: re.Match) -> str:
        before, marker, after = match.group(1) or "", match.group(2), match.group(3) or ""
        rendered = found.get(marker)
        if rendered is None:
            return match.group(0)
        if marker.startswith("tmp_block_"):
            if before and after == "</p>":
                return rendered  # the block HTML already carries its own <p>
            return before + rendered + after
        if after and after != "</p>":
            return f'{before}<span class="qa-nowrap">{rendered}{after}</span>'
        return before + rendered + after

    return MARKER.sub(swap, text)


def install(renderer: KatexRenderer = RENDERER) -> None:
    """Make markdown-katex render through `renderer` instead of a subprocess per formula.

    Validation has already reported any formula KaTeX rejects (with file and line), so here
    a rejected formula becomes a visible error on the page instead of a traceback.
    """
    from markdown_katex import extension, wrapper

    def tex2html(tex: str, options=None) -> str:
        display = bool((options or {}).get("display-mode"))
        try:
            return renderer.render(tex.strip(), display)
        except KatexParseError as err:
            return f'<span class="katex-error" title="{html.escape(str(err))}">{html.escape(tex)}</span>'

    wrapper.tex2html = tex2html
    extension.KatexPostprocessor.run = _replace_markers
    # markdown-katex learns which options it accepts by running `katex --help` (through npx,
    # ~0.5 s) for every page whenever that fails, as it does wherever there is no
    # node_modules; its built-in help text parses to nothing, so it cannot stand in. Every
    # formula goes to `renderer`, which takes no katex command-line options: there are none
    # to learn.
    wrapper.parse_options = dict


# KaTeX's stylesheet says which of its fonts a formula needs only when the page is laid out,
# so the browser asks for them late, and a first paint that comes before them
# lays formulas out in a fallback font that the real one then moves. A page preloads the
# fonts its formulas use, found by the classes that select them in katex.min.css.
FONT_CLASSES = {
    "KaTeX_Math-Italic": ("mathnormal",), "KaTeX_Math-BoldItalic": ("boldsymbol",),
    "KaTeX_Main-Italic": ("mathit",), "KaTeX_Main-Bold": ("mathbf", "textbf"),
    "KaTeX_AMS-Regular": ("amsrm", "mathbb", "textbb"), "KaTeX_Caligraphic-Regular": ("mathcal",),
    "KaTeX_Fraktur-Regular": ("mathfrak", "textfrak"), "KaTeX_Script-Regular": ("mathscr", "textscr"),
    "KaTeX_SansSerif-Regular": ("mathsf", "textsf"), "KaTeX_Typewriter-Regular": ("mathtt", "texttt"),
    # delimiters (`delimsizing sizeN`, not the `sizing sizeN` of smaller text) and big operators
    "KaTeX_Size1-Regular": ("delimsizing size1", "delim-size1", "small-op"),
    "KaTeX_Size2-Regular": ("delimsizing size2", "large-op"),
    "KaTeX_Size3-Regular": ("delimsizing size3",), "KaTeX_Size4-Regular": ("delimsizing size4", "delim-size4"),
}
CLASS_ATTR = re.compile(r'class="([^"]*)"')


def fonts_used(formulas: list[str]) -> list[str]:
    """The KaTeX font files (woff2 names) that formulas (as typeset) are drawn with."""
    if not formulas:
        return []
    attrs = {attr for formula in formulas for attr in CLASS_ATTR.findall(formula)}
    class_sets = [set(attr.split()) for attr in attrs]

    def used(selector: str) -> bool:
        wanted = set(selector.split())
        return any(wanted <= classes for classes in class_sets)
    return ["KaTeX_Main-Regular.woff2"] + [f"{font}.woff2" for font, selectors in FONT_CLASSES.items()
                                           if any(map(used, selectors))]


def preload_fonts(page_html: str, formulas: list[str], fonts_url: str) -> str:
    """The page with <link rel=preload> for the fonts of its formulas (fonts_url: the fonts
    folder, relative to the page)."""
    links = "".join(f'<link rel="preload" href="{fonts_url}/{name}" as="font" type="font/woff2" crossorigin>'
                    for name in fonts_used(formulas))
    return page_html.replace("</head>", links + "</head>", 1) if links else page_html

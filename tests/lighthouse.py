"""Lighthouse (mobile, default throttling) on five kinds of page, served with gzip as static
hosts serve them; `make bench` prints the median of three runs per page.

Lighthouse is pinned in package.json and drives Debian's Chromium.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import statistics
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
RUNS = 3
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it (text types only, as hosts do)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.suffix in COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = self.compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)

    @staticmethod
    @functools.cache
    def compressed(path: Path) -> bytes:
        return gzip.compress(path.read_bytes(), compresslevel=6)


def pages(site: Path) -> dict[str, str]:
    """The five kinds of page: home, a topic, the question with the most formulas, tags, glossary."""
    questions = [p for p in site.glob("*/*/index.html") if not p.parts[-3] in ("print", "pdf", "assets")]
    most = max(questions, key=lambda p: p.read_text(encoding="utf-8").count('class="katex"'))
    return {"home": "", "topic": "transformer-attention/", "most formulas": most.parent.relative_to(site).as_posix() + "/",
            "tags": "tags/", "glossary": "glossary/"}


def run(url: str) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu"
    result = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
                             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                            capture_output=True, text=True, env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"})
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    return {**{c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES},
            "CLS": audits["cumulative-layout-shift"]["numericValue"],
            "TBT": audits["total-blocking-time"]["numericValue"],
            "LCP": audits["largest-contentful-paint"]["numericValue"]}


def report(site: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"\nLighthouse {RUNS} runs per page, median (mobile, served with gzip)")
    print("| page | performance | accessibility | best practices | SEO | CLS | TBT (ms) | LCP (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    try:
        for name, path in pages(site).items():
            runs = [run(base + path) for _ in range(RUNS)]
            median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            print(f"| {name} (`/{path}`) | {median['performance']:.0f} | {median['accessibility']:.0f} | "
                  f"{median['best-practices']:.0f} | {median['seo']:.0f} | {median['CLS']:.3f} | "
                  f"{median['TBT']:.0f} | {median['LCP'] / 1000:.1f} |", flush=True)
    finally:
        server.shutdown()


if __name__ == "__main__":
    report(Path(sys.argv[1]))

"""`make bench`: how build time grows with the bank.

Builds synthetic banks of 200, 500, 1,000 and 5,000 questions (three formulas each) and the
real bank, then times printing the real bank's PDF study sheets and runs Lighthouse on five
kinds of its pages (tests/lighthouse.py). "cold" is a fresh `mkdocs build` process (new KaTeX process, nothing cached);
"warm" is a second build in the same process, as `mkdocs serve` rebuilds after an edit; nothing
changed in between, so it takes everything it can from the first build (README: Rebuilds under
`make serve`), and an edit adds the pages it touches.
Every bank, synthetic or real, is built the same way: a strict build by the same driver, the
project's docs/, hooks/ and overrides/ (synthetic projects link them, and have no node_modules of their
own: formulas never need one in the working directory).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lighthouse  # tests/lighthouse.py and tests/support.py, beside this file
from support import ROOT, scratch_project  # support also puts hooks/ (studybank) on sys.path
SIZES = (200, 500, 1000, 5000)
# A bank grows by adding topics: synthetic topics hold 50 questions (the real bank's largest
# holds 16). Material renders the open topic's whole nav section into every page, so a fixed
# number of ever larger topics would make each page's size grow with the bank.
QUESTIONS_PER_TOPIC = 50
TAGS = [f"标签{i}" for i in range(20)]
DRIVER = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
for _ in range(2):
    build(load_config(sys.argv[1], site_dir=sys.argv[2], strict=True))
    print(time.time(), flush=True)
"""


def synthetic_bank(content: Path, n: int) -> None:
    content.mkdir(parents=True)
    count = max(1, n // QUESTIONS_PER_TOPIC)
    topics = [f"- slug: topic-{t}\n  title: 主题 {t}\n  description: 合成主题 {t}。\n" for t in range(count)]
    (content / "topics.yml").write_text("".join(topics), encoding="utf-8")
    (content / "tags.yml").write_text("".join(f"{tag}: tag {i}\n" for i, tag in enumerate(TAGS)), encoding="utf-8")
    for i in range(n):
        folder = content / f"topic-{i % count}"
        folder.mkdir(exist_ok=True)
        tags = ", ".join(TAGS[(i + k) % len(TAGS)] for k in range(3))
        (folder / f"q{i}.md").write_text(
            f"---\ntitle: 第 {i} 题：注意力为什么要缩放？\ndifficulty: {i % 3 + 1}\ntags: [{tags}]\n"
            f"related: [q{(i + 1) % n}]\n---\n\n"
            f"**简答**：点积的方差随维度 $`d_k={i}`$ 增大，所以要缩放。\n\n## 详解\n\n"
            f"```math\n\\mathrm{{softmax}}\\left(\\frac{{QK^\\top}}{{\\sqrt{{{i + 1}}}}}\\right)V\n```\n\n"
            f"方差是 $`\\operatorname{{Var}}(q\\cdot k)={i + 2}`$，见 [[q{(i + 7) % n}]]。\n",
            encoding="utf-8")


def timed_builds(project: Path, site: Path) -> tuple[float, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.time()
    result = subprocess.run([sys.executable, "-c", DRIVER, str(project / "mkdocs.yml"), str(site)],
                            capture_output=True, text=True, env=env, cwd=project)
    if result.returncode != 0:
        sys.exit(f"build failed for {project}:\n{result.stderr[-2000:]}")
    first, second = map(float, result.stdout.split())
    return first - start, second - first


def count_formulas(content: Path) -> tuple[int, int]:
    from studybank.load import load_bank
    from studybank.markup import scan

    bank, _ = load_bank(content)
    return sum(len(scan(q.body, q.body_line)[1]) for q in bank.questions), len(bank.questions)


def row(name: str, content: Path, project: Path, site: Path) -> float:
    formulas, questions = count_formulas(content)
    cold, warm = timed_builds(project, site)
    print(f"| {name} | {questions} | {formulas} | {cold:.1f} | {warm:.1f} | {1000 * cold / questions:.0f} |", flush=True)
    return cold


def pdf_report(site: Path) -> None:
    """Time `make pdf`'s printing step on the real bank's built site."""
    from studybank.pdf import write_pdfs

    printed, seconds = write_pdfs(site)
    pages = sum(sheet.pages for sheet in printed)
    print(f"PDF study sheets for the real bank: {len(printed)} PDFs, {pages} pages in {seconds:.1f} s")


def main() -> None:
    print("| bank | questions | formulas | cold build (s) | warm rebuild (s) | cold ms / question |")
    print("|---|---:|---:|---:|---:|---:|", flush=True)
    cold = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold["real"] = row("real bank", ROOT / "content", ROOT, tmp / "real-site")
        for n in SIZES:
            where = tmp / f"bank-{n}"
            where.mkdir()
            synthetic_bank(where / "content", n)
            scratch_project(where, where / "content")
            cold[n] = row(f"synthetic {n}", where / "content", where, where / "site")
        print(f"\n5,000 vs 500 questions, cold: {cold[5000] / cold[500]:.1f}× the time for 10× the questions")
        pdf_report(tmp / "real-site")
        lighthouse.report(tmp / "real-site")


if __name__ == "__main__":
    main()

"""`python -m studybank.check [content]`: validate the bank without building the site.

Prints one line per problem (`path:line: problem (hint)`) and exits 1 if there is any.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .katex import RENDERER, KatexUnavailable
from .load import load_bank
from .model import Bank, Problem
from .validate import validate


def is_bank(content: Path) -> bool:
    return (content / "topics.yml").is_file()


def checked_bank(content: Path) -> tuple[Bank, list[Problem]]:
    """The bank and every problem the build would report (formulas too, where KaTeX runs)."""
    bank, problems = load_bank(content)
    try:
        problems += validate(bank, RENDERER.render)
    except KatexUnavailable as err:
        print(f"formulas not checked: {err}")
        problems += validate(bank)
    return bank, problems


def main(argv: list[str]) -> int:
    content = Path(argv[0] if argv else "content")
    if not is_bank(content):
        print(f"{content}: not a question bank (no topics.yml)")
        return 2
    bank, problems = checked_bank(content)
    for problem in problems:
        print(problem)
    n = len(bank.questions)
    print(f"{n} questions in {len(bank.topics)} topics: "
          + (f"{len(problems)} problems" if problems else "no problems"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

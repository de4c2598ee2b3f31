"""Runnable code on the 手撕代码 pages: the ```` ```python {.run} ```` blocks of a page.

A page's runnable blocks run in document order in one shared namespace, like the cells of
a notebook: the solution first, then the checks that compare it with an independent
reference. Each block is compiled under the content file's name with its real line
numbers, so a failure is reported as `content/coding/x.md:42: AssertionError: …`.
Plain ```` ```python ```` blocks are illustrations and are not run.
"""
from __future__ import annotations

import random
import re
import textwrap
import traceback
import warnings
from dataclasses import dataclass

import numpy as np

from .markup import CLOSE, CODE, FENCE, FENCE_RE, walk_fences
from .model import Problem, Question

# The info string after the backticks: `python {.run}` (attr_list syntax, so the site can
# style the block and GitHub still highlights it as Python). Other classes may sit beside .run.
RUNNABLE_INFO = re.compile(r"python\s*\{[^}]*(?<![\w-])\.run(?![\w-])[^}]*\}\s*$")
SEED = 0  # every page starts from the same random state, so its checks are deterministic


@dataclass(frozen=True)
class CodeBlock:
    path: str  # the content file, as shown in messages
    line: int  # line of the file holding the block's first line of code
    source: str


def runnable_blocks(body: str, first_line: int, path: str) -> list[CodeBlock]:
    """The `{.run}` blocks of an answer body whose first line is line `first_line` of `path`."""
    blocks: list[CodeBlock] = []
    start, lines = 0, []
    for offset, (text, kind) in enumerate(walk_fences(body)):
        if kind == FENCE:
            fence = FENCE_RE.match(text)
            start = first_line + offset + 1 if RUNNABLE_INFO.match(text[fence.end():].strip()) else 0
            lines = []
        elif kind == CODE and start:
            lines.append(text)
        elif kind == CLOSE and start:
            # a block inside a list item is indented; its code is not
            blocks.append(CodeBlock(path, start, textwrap.dedent("\n".join(lines))))
            start = 0
    return blocks


def question_blocks(question: Question) -> list[CodeBlock]:
    return runnable_blocks(question.body, question.body_line, question.path)


def run_blocks(blocks: list[CodeBlock]) -> Problem | None:
    """Run one page's blocks in order in a fresh namespace; the first failure, or None.

    A warning counts as a failure: an overflow in `exp` or a division by zero is a bug in
    code that claims to be numerically stable (a page that shows one on purpose wraps it
    in `np.errstate`).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return _run(blocks)


def _run(blocks: list[CodeBlock]) -> Problem | None:
    random.seed(SEED)
    np.random.seed(SEED)
    namespace: dict = {"__name__": "__page__"}
    code_lines: dict[int, str] = {}  # line number → code, for the blocks run so far
    for block in blocks:
        code_lines.update(enumerate(block.source.split("\n"), start=block.line))
        # blank lines in front put every statement on its line of the content file
        padded = "\n" * (block.line - 1) + block.source
        try:
            exec(compile(padded, block.path, "exec"), namespace)
        except SyntaxError as err:
            return Problem(block.path, err.lineno or block.line, f"SyntaxError: {err.msg}",
                           "the {.run} block is not valid Python")
        except Exception as err:  # whatever the page's code raises is reported, never raised
            return _failure(block, err, code_lines)
    return None


def _failure(block: CodeBlock, err: Exception, code_lines: dict[int, str]) -> Problem:
    """The error at the deepest line of the page's own code (not inside NumPy); a bare
    `assert` has no message, so its line of code stands in for one."""
    lines = [n for frame, n in traceback.walk_tb(err.__traceback__) if frame.f_code.co_filename == block.path]
    line = lines[-1] if lines else block.line
    # one line however long the message: arrays print over several
    detail = " ".join((str(err) or code_lines.get(line, "")).split())
    message = f"{type(err).__name__}: {detail}" if detail else type(err).__name__
    return Problem(block.path, line, message, "a {.run} block failed: fix the solution or its check")

"""Reading source files: UTF-8 text, YAML with line numbers, front matter."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import Problem

FENCE = "---"
# libyaml's parser where PyYAML was built with it: the same data and marks, several times faster
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceError(Exception):
    """A file that cannot be read at all; carries the one Problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_text(path: Path, shown: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:  # a dangling symlink, a folder named x.md, a symlink loop, no permission
        raise SourceError(Problem(shown, 0, f"cannot read the file: {err.strerror or err}",
                                  "make it a readable Markdown file or remove it")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(Problem(shown, line, "file is not valid UTF-8",
                                  "save the file as UTF-8")) from None
    return text.replace("\r\n", "\n").lstrip("\ufeff")


def parse_yaml(text: str, shown: str, first_line: int = 1) -> tuple[Any, dict[Any, int]]:
    """Parse YAML; return the data and the line of each top-level key (mapping) or item (list)."""
    try:
        node = yaml.compose(text, Loader=LOADER)
        data = yaml.load(text, Loader=LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = first_line + mark.line if mark else first_line
        what = getattr(err, "problem", None) or "invalid YAML"
        raise SourceError(Problem(shown, line, f"malformed YAML: {what}",
                                  "check indentation, colons and quotes")) from None
    lines: dict[Any, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            lines[str(key.value)] = first_line + key.start_mark.line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[i] = first_line + item.start_mark.line
    return data, lines


@dataclass
class Document:
    meta: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int


def split_front_matter(text: str, shown: str) -> Document:
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise SourceError(Problem(shown, 1, "missing front matter",
                                  "start the file with a '---' line, the YAML keys, and another '---' line"))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        raise SourceError(Problem(shown, 1, "front matter is not closed",
                                  "add a '---' line after the YAML keys")) from None
    meta, key_lines = parse_yaml("\n".join(lines[1:end]), shown, first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(Problem(shown, 2, "front matter must be a mapping of keys",
                                  "write 'key: value' lines"))
    return Document(meta, key_lines, "\n".join(lines[end + 1:]), end + 2)

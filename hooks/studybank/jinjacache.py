"""Compiled theme templates kept from one build to the next in the same process.

MkDocs makes a new Jinja environment for every build, and Material's templates are
compiled again each time (about a second). Jinja's bytecode cache keys each template by
its name and checks its source, so an edited template is compiled afresh.
"""
from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class InMemory(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = InMemory()

"""Results kept from one build to the next in the same process, under a digest of their inputs.

`mkdocs serve` rebuilds the whole site after every edit, in the process that built it
before, and almost every page, search entry and template comes out as it did last time.
A `Memo` hands back what an earlier build made from the same inputs. It keeps only what
the last build used, so a long serve session holds about one build's worth.
"""
from __future__ import annotations

import hashlib
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


def digest(*parts: str | bytes) -> str:
    """One key for several inputs; lengths go in too, so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


_MEMOS: list[Memo] = []


def new_build() -> None:
    """Called as a build starts: every memo forgets what the last build did not use."""
    for memo in _MEMOS:
        memo.next_build()


class Memo(Generic[T]):
    def __init__(self) -> None:
        self._current: dict[str, T] = {}
        self._previous: dict[str, T] = {}
        _MEMOS.append(self)

    def get(self, key: str, make: Callable[[], T]) -> T:
        if key not in self._current:
            self._current[key] = self._previous.pop(key) if key in self._previous else make()
        return self._current[key]

    def knows(self, key: str) -> bool:
        return key in self._current or key in self._previous

    def is_empty(self) -> bool:
        """Nothing made in this process yet: its first build."""
        return not self._current and not self._previous

    def made(self) -> dict[str, T]:
        """What this build has made or reused so far, by key."""
        return dict(self._current)

    def adopt(self, made: dict[str, T]) -> None:
        """Results made elsewhere (a forked copy of this process) for this build: get() hands
        them out as if an earlier build had made them."""
        self._previous.update(made)

    def next_build(self) -> None:
        if self._current:  # a build that stopped before using anything takes nothing away
            self._previous, self._current = self._current, {}

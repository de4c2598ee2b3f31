"""Work done by a forked copy of this process while this one goes on: a build runs on one core,
and converting pages, rendering their templates and cutting the search index's text split
cleanly off.

The copy starts with everything this process has (the bank, the formulas rendered while
validating, the site's files), sends its result back pickled through a pipe and exits without
running this process's exit handlers. If anything fails (fork() itself, the work, the answer),
`result()` says why and the caller does the work itself: the copy can only save time, never
change what is built.
"""
from __future__ import annotations

import logging
import os
import pickle
import signal
import traceback
from typing import Callable, Generic, TypeVar

from .memo import Memo

T = TypeVar("T")
log = logging.getLogger("mkdocs.hooks.studybank")


def available() -> bool:
    """fork() (POSIX), and a second core for the copy."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return hasattr(os, "fork") and cores > 1


_running: set[Forked] = set()  # copies whose result is neither taken nor given up


def stop_all() -> None:
    """Every copy still running is stopped: the build that wanted their results failed."""
    for copy in list(_running):
        copy.cancel()


class Forked(Generic[T]):
    def __init__(self, work: Callable[[], T]) -> None:
        self._read: int | None = None
        self._failed = ""
        try:
            read, write = os.pipe()
            self._pid = os.fork()
        except OSError as err:  # no memory or no process left for a copy
            self._failed = f"no second process: {err}"
            return
        if self._pid == 0:  # the copy: whatever happens, it never returns into the caller's code
            try:
                os.close(read)
                try:
                    answer = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:  # noqa: BLE001 - whatever it was, the parent does the work
                    answer = pickle.dumps((False, traceback.format_exc(limit=-3)))
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(answer)
            finally:
                os._exit(0)
        os.close(write)
        self._read = read
        _running.add(self)

    def result(self) -> tuple[T | None, str]:
        """(the copy's result, "") or (None, why it has none); waits for the copy to finish."""
        if self._read is None:
            return None, self._failed or "its result was taken or given up already"
        with os.fdopen(self._read, "rb") as pipe:
            answer = pipe.read()
        self._read = None
        _running.discard(self)
        _, status = os.waitpid(self._pid, 0)
        try:
            done, value = pickle.loads(answer)
        except Exception as err:  # noqa: BLE001 - a copy killed while it answered
            return None, f"its answer could not be read ({type(err).__name__}; exit status {status})"
        return (value, "") if done else (None, value)

    def cancel(self) -> None:
        """The result is not wanted (a build that stopped early): the copy is stopped."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
            _running.discard(self)
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)


class Later(Generic[T]):
    """`work` started in a forked copy where there is a second core; `result()` gives its
    result (done here after all if the copy failed, or if there is no second core)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._copy: Forked[T] | None = Forked(work) if available() else None

    def result(self) -> T:
        if self._copy is None:
            return self._work()
        value, why = self._copy.result()
        self._copy = None
        if why:
            log.info(f"done in one process after all: the second one failed ({why.strip()})")
            return self._work()
        return value

    def cancel(self) -> None:
        if self._copy is not None:
            self._copy.cancel()
            self._copy = None


class LaterHalf:
    """The later half of a build's pages (`srcs`, measured by `sizes`), each done by `do(i)` in
    a forked copy of this process; the results the copy puts in `memo` join this process's
    `memo` when take() is called, before this process needs the first of them."""

    def __init__(self, memo: Memo, srcs: list[str], sizes: list[int], do: Callable[[int], None], what: str) -> None:
        cut, later = len(srcs), 0
        while cut > 1 and later < sum(sizes) / 2:
            cut -= 1
            later += sizes[cut]
        self.srcs, self.last_here = set(srcs[cut:]), srcs[cut - 1]  # the last page done here
        self._memo, self._what = memo, what

        def work() -> dict:
            # the copy reports nothing itself: its pages' messages travel with their results
            for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
                if isinstance(logger, logging.Logger):
                    logger.handlers = []
            logging.getLogger().addHandler(logging.NullHandler())
            for i in range(cut, len(srcs)):
                do(i)
            return memo.made()

        self._copy: Forked | None = Forked(work)

    def take(self) -> bool:
        """The copy's results into the memo (once). False if the copy failed: its pages are
        to be done here."""
        if self._copy is None:
            return True
        made, why = self._copy.result()
        self._copy = None
        if made is None:
            log.info(f"pages are {self._what} in one process: the second one failed ({why.strip()})")
            return False
        log.debug(f"{len(made)} pages {self._what} in a second process")
        self._memo.adopt(made)
        return True

    def cancel(self) -> None:
        if self._copy is not None:
            self._copy.cancel()
            self._copy = None

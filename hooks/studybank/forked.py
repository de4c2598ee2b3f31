"""Work done by a forked copy of this process while this one goes on: a build runs on one core,
and converting pages, most of a cold build, splits cleanly in two.

The copy starts with everything this process has (the bank, the formulas rendered while
validating, the site's files), sends its result back pickled through a pipe and exits without
running this process's exit handlers. If it fails, `result()` says why and the caller does
the work itself: the copy can only save time, never change what is built.
"""
from __future__ import annotations

import logging
import os
import pickle
import signal
import traceback
from typing import Callable, Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger("mkdocs.hooks.studybank")


def available() -> bool:
    """A second core, and fork() (POSIX)."""
    return hasattr(os, "fork") and len(os.sched_getaffinity(0)) > 1


class Forked(Generic[T]):
    def __init__(self, work: Callable[[], T]) -> None:
        read, write = os.pipe()
        self._pid = os.fork()
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
        self._read: int | None = read

    def result(self) -> tuple[T | None, str]:
        """(the copy's result, "") or (None, why it has none); waits for the copy to finish."""
        with os.fdopen(self._read, "rb") as pipe:
            answer = pipe.read()
        self._read = None
        _, status = os.waitpid(self._pid, 0)
        if not answer:
            return None, f"the process stopped with status {status} before it answered"
        done, value = pickle.loads(answer)
        return (value, "") if done else (None, value)

    def cancel(self) -> None:
        """The result is not wanted (a build that stopped early): the copy is stopped."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)


def later(work: Callable[[], T]) -> Callable[[], T]:
    """`work` started in a forked copy where there is a second core; the function returned
    gives its result (done here after all if the copy failed, or if there is no second core)."""
    if not available():
        return work
    copy = Forked(work)

    def result() -> T:
        value, why = copy.result()
        if why:
            log.info(f"done in one process after all: the second one failed ({why.strip()})")
            return work()
        return value

    return result

"""A forked copy's result comes back, and a copy that fails says why instead of answering."""
import os

import pytest

from studybank import forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX")


def test_the_copy_sends_back_what_it_made():
    made, why = forked.Forked(lambda: (os.getpid(), ["a" * 100_000] * 30)).result()  # more than a pipe holds
    assert why == "" and made[0] != os.getpid() and made[1] == ["a" * 100_000] * 30


def test_a_copy_that_raises_reports_the_error():
    made, why = forked.Forked(lambda: 1 / 0).result()
    assert made is None and "ZeroDivisionError" in why


def test_a_copy_that_dies_reports_that_it_did_not_answer():
    made, why = forked.Forked(lambda: os._exit(3)).result()
    assert made is None and "could not be read" in why and "exit status 768" in why  # 3 << 8


def test_later_does_the_work_here_when_the_copy_fails():
    done_here = []

    def work():
        if os.getpid() != parent:
            raise RuntimeError("the copy fails")
        done_here.append(True)
        return 42

    parent = os.getpid()
    assert forked.Later(work).result() == 42 and done_here == [True]


def test_a_cancelled_copy_is_stopped():
    copy = forked.Forked(lambda: __import__("time").sleep(60))
    copy.cancel()
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left sleeping
        os.kill(copy._pid, 0)
    assert copy.result() == (None, "its result was taken or given up already")


def test_a_failed_build_stops_every_copy_still_running():
    sleeping = [forked.Forked(lambda: __import__("time").sleep(60)) for _ in range(2)]
    answered = forked.Forked(lambda: 1)
    assert answered.result() == (1, "")
    forked.stop_all()
    for copy in sleeping:
        with pytest.raises(ProcessLookupError):
            os.kill(copy._pid, 0)

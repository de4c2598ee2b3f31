"""Every solution on the 手撕代码 pages runs and passes its own checks.

One case per page that has `{.run}` blocks, so a failure names the page; the message is the
one line `content/coding/x.md:LINE: Error: …` pointing into the content file.
"""
import pytest

from studybank.codeblocks import question_blocks, run_blocks
from studybank.load import load_bank
from support import ROOT

CODING_TOPIC = "coding"
BANK, _ = load_bank(ROOT / "content")
RUNNABLE = {q.id: q for q in BANK.questions if question_blocks(q)}


@pytest.mark.parametrize("qid", sorted(RUNNABLE))
def test_page_code_runs_and_passes_its_checks(qid):
    problem = run_blocks(question_blocks(RUNNABLE[qid]))
    assert problem is None, str(problem)


def test_every_coding_page_has_runnable_code():
    coding = [q for q in BANK.questions if q.topic == CODING_TOPIC]
    missing = [q.path for q in coding if q.id not in RUNNABLE]
    assert not missing, "no ```python {.run} block in: " + ", ".join(missing)

"""Runnable blocks are found with their real line numbers, and a broken solution is
reported as one line naming the content file and the failing line."""
import numpy as np

from studybank.codeblocks import SEED, CodeBlock, run_blocks, runnable_blocks

PATH = "content/coding/demo.md"
# The body starts on line 10 of the file: the solution's first code line is line 13.
BODY = """**简答**：示例。

```python {.run}
def square(x):
    return x * x
```

```python
square("not run: illustrative only")
```

- 列表里的验证块：

    ```python {.run}
    assert square(3) == 9
    ```
"""


def test_only_run_blocks_are_extracted_with_their_first_code_line():
    blocks = runnable_blocks(BODY, 10, PATH)
    assert [(b.line, b.source) for b in blocks] == [
        (13, "def square(x):\n    return x * x"),
        (24, "assert square(3) == 9"),
    ]


def test_other_classes_may_sit_beside_run():
    blocks = runnable_blocks("``` python { .run .numbered }\nx = 1\n```", 1, PATH)
    assert [b.source for b in blocks] == ["x = 1"]
    assert runnable_blocks("```python {.running}\nx = 1\n```", 1, PATH) == []


def test_a_correct_page_runs_in_one_shared_namespace():
    assert run_blocks(runnable_blocks(BODY, 10, PATH)) is None


def test_a_broken_solution_fails_at_the_assert_line():
    broken = BODY.replace("return x * x", "return x + x")
    problem = run_blocks(runnable_blocks(broken, 10, PATH))
    assert str(problem) == (f"{PATH}:24: AssertionError: assert square(3) == 9 "
                            "(a {.run} block failed: fix the solution or its check)")


def test_an_exception_names_the_deepest_line_of_page_code():
    broken = BODY.replace("return x * x", "return x * undefined")
    problem = run_blocks(runnable_blocks(broken, 10, PATH))
    assert (problem.path, problem.line) == (PATH, 14)
    assert problem.message == "NameError: name 'undefined' is not defined"


def test_a_numerical_warning_is_a_failure():
    problem = run_blocks([CodeBlock(PATH, 3, "import numpy as np\nnp.exp(np.array([1000.0]))")])
    assert (problem.line, problem.message) == (4, "RuntimeWarning: overflow encountered in exp")


def test_a_syntax_error_names_its_line():
    problem = run_blocks([CodeBlock(PATH, 7, "x = 1\ny = (")])
    assert (problem.line, problem.message.split(":")[0]) == (8, "SyntaxError")


def test_every_page_starts_from_the_same_random_state():
    np.random.seed(SEED)
    first = np.random.rand()
    np.random.seed(123)  # whatever ran before, the page starts again from the fixed seed
    check = f"import numpy as np\nassert np.random.rand() == {first!r}"
    assert run_blocks([CodeBlock(PATH, 1, check)]) is None

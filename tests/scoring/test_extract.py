"""extract_code / prose_without_code: the Python in a chat answer, and the words around it."""

from __future__ import annotations

import ast

from bot.scoring.extract import extract_code, prose_without_code

SOLUTION = "def two_sum(nums, target):\n    seen = {}\n    return [0, 1]\n"


def test_python_fence() -> None:
    answer = f"I use a dict.\n\n```python\n{SOLUTION}```\n\nO(n) time."
    assert extract_code(answer, "two_sum") == SOLUTION


def test_py_and_python3_tags_and_indented_fences() -> None:
    for tag in ("py", "python3", "Python", "{.python}"):
        assert extract_code(f"```{tag}\n{SOLUTION}```", "two_sum") == SOLUTION
    indented = "1. My code:\n   ```python\n   def f(x):\n       return x\n   ```\n"
    assert extract_code(indented) == "def f(x):\n    return x\n"


def test_untagged_fence_and_unclosed_fence() -> None:
    assert extract_code(f"Here:\n```\n{SOLUTION}```") == SOLUTION
    assert extract_code(f"Here:\n```python\n{SOLUTION}") == SOLUTION


def test_slack_style_code_on_the_fence_lines() -> None:
    answer = "```def f(x):\n    return x```\nshort and sweet"
    assert extract_code(answer) == "def f(x):\n    return x\n"
    assert extract_code("```x = 1```") == "x = 1\n"


def test_other_languages_and_non_code_untagged_blocks_are_ignored() -> None:
    answer = (
        "```bash\npip install nothing\n```\n```text\n[0, 1]\n```\n"
        "```\n$ python solve.py\n```\n```js\nfunction f() {}\n```\nNo Python here."
    )
    assert extract_code(answer) is None


def test_several_blocks_are_joined_and_usage_blocks_dropped_for_the_entry_point() -> None:
    answer = (
        "Helper:\n```python\nfrom collections import deque\n\ndef neighbours(g, r, c):\n"
        "    return []\n```\nMain:\n```python\ndef num_islands(grid):\n    return 0\n```\n"
        "Usage:\n```python\nprint(num_islands([['1']]))\n```\n"
    )
    code = extract_code(answer, "num_islands")
    assert code is not None
    assert "from collections import deque" in code and "def neighbours" in code
    assert "def num_islands" in code and "print(" not in code
    assert code.index("neighbours") < code.index("num_islands")
    assert "print(" in (extract_code(answer) or "")  # no entry point: every block counts


def test_bare_function_in_prose_with_its_imports() -> None:
    answer = (
        "I would do a BFS over the grid.\n"
        "from collections import deque\n\n"
        "def num_islands(grid):\n"
        "    queue = deque()\n"
        "    return len(queue)\n"
        "This visits each cell once, so it is O(mn).\n"
        "from my experience, that is the best you can do.\n"
    )
    code = extract_code(answer, "num_islands")
    assert code == (
        "from collections import deque\n\ndef num_islands(grid):\n"
        "    queue = deque()\n    return len(queue)\n"
    )
    prose = prose_without_code(answer)
    assert "BFS" in prose and "O(mn)" in prose and "from my experience" in prose
    assert "deque" not in prose and "def " not in prose


def test_no_code_at_all() -> None:
    assert extract_code("I'd use a heap. Import nothing; from there it is O(n log k).") is None
    assert extract_code("") is None
    assert extract_code("```python\n\n```") is None
    assert prose_without_code("Just words.") == "Just words."


def test_prose_without_code_keeps_text_blocks_and_drops_code_blocks() -> None:
    answer = (
        f"First.\n\n```python\n{SOLUTION}```\n\nSecond.\n```text\nTime: O(n)\n```\n"
        "```bash\nls\n```\nThird."
    )
    assert prose_without_code(answer) == "First.\n\nSecond.\n\nTime: O(n)\n\nThird."


def test_a_megabyte_answer_is_handled_in_bounded_work() -> None:
    prose = "word " * 200_000
    assert extract_code(prose) is None
    many_starts = "def f(\n" * 150_000  # every line looks like the start of code
    assert extract_code(many_starts, "f") is None
    pasted = "def f():\n    return 1\n" * 50_000
    code = extract_code(pasted, "f")
    assert code is not None and code.startswith("def f():") and ast.parse(code)
    fenced = "```python\n" + "x = 1\n" * 170_000 + "```"
    assert extract_code(fenced) == "x = 1\n" * 170_000
    assert prose_without_code(fenced + "\nbye") == "bye"

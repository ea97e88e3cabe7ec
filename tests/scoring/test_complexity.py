from __future__ import annotations

import pytest

from bot.scoring.complexity import compare, read_claims


@pytest.mark.parametrize(
    ("stated", "optimal", "expected"),
    [
        ("n", "n", 0),
        ("R*C", "rows x cols", 0),
        ("m * n", "R*C", 0),
        ("N log k", "N log k", 0),
        ("n log n", "n", 1),
        ("n^2", "n", 1),
        ("1", "n", -1),
        ("2^n", "n * amount", 1),
        ("amount * len(coins)", "amount * k", 0),
    ],
)
def test_compare_shapes(stated: str, optimal: str, expected: int) -> None:
    assert compare(stated, optimal) == expected


def test_read_claims_separates_time_and_space() -> None:
    claims = read_claims("Time is O(n log k) because of the heap. Space: O(k) for the heap.")
    assert claims.time == "n log k"
    assert claims.space == "k"
    both = read_claims("It runs in O(n) time and O(1) space.")
    assert (both.time, both.space) == ("n", "1")


def test_no_claims() -> None:
    assert read_claims("It is fast.") == read_claims("")


@pytest.mark.parametrize(
    ("stated", "optimal", "expected"),
    [
        ("mn", "m * n", 0),
        ("m x n", "m*n", 0),
        ("V + E", "n", 0),
        ("n + m log k", "n log k", 0),
        ("min(m, n)", "n", 0),
        ("n!", "n^2", 1),
        ("k", "1", 1),
        ("n * k", "n log k", 1),
    ],
)
def test_compare_other_spellings(stated: str, optimal: str, expected: int) -> None:
    assert compare(stated, optimal) == expected


def test_bound_written_with_its_big_o() -> None:
    assert compare("R*C", "O(R*C)") == 0
    assert compare("n log n", "O(n)") == 1

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


def test_naming_the_brute_force_first_does_not_make_it_the_claim() -> None:
    claims = read_claims(
        "The brute force over all pairs is O(n^2). With a hash map it runs in O(n) time "
        "and O(n) space."
    )
    assert (claims.time, claims.space) == ("n", "n")
    only_comparison = read_claims("This is O(n log n) instead of the naive O(n^2).")
    assert only_comparison.time == "n log n"


def test_union_find_bound_and_wrapped_lines() -> None:
    assert compare("E", "O(E α(V))") == 0
    assert compare("E log V", "O(E α(V))") == 1
    wrapped = read_claims("It runs in O(n log k) time and uses O(k)\nextra space for the heap.")
    assert (wrapped.time, wrapped.space) == ("n log k", "k")


def test_nearest_word_decides_time_or_space() -> None:
    claims = read_claims(
        "Time complexity is O(m x n). The space is O(min(m, n)) with two rows instead of the "
        "full table, and enumerating subsequences would take exponential time."
    )
    assert (claims.time, claims.space) == ("m x n", "min(m, n)")
    both = read_claims("Time and space are both O(B x L) for the padded batch.")
    assert (both.time, both.space) == ("B x L", "B x L")
    scanning = read_claims("Each split is O(1); scanning instead is O(n^2). Time O(n), space O(n).")
    assert (scanning.time, scanning.space) == ("n", "n")

"""Word lists the heuristic scorer reads answers with.

Data only, so the vocabulary can grow without touching scoring logic. The
synonym groups fold words an interviewer treats as the same idea onto one
stem, so a paraphrase ("cheaper", "spend less") meets a key point worded
differently ("lower cost"). Groups are general interview vocabulary, never
tied to one question.
"""

from __future__ import annotations

import snowballstemmer

_stem = snowballstemmer.stemmer("english").stemWord


def words(text: str) -> list[str]:
    """Whitespace-separated words of a block of text: keeps long word lists readable."""
    return text.split()


STOPWORDS = frozenset(
    words(
        """
        a an the and or but if then else of to in on at by for with from into onto over
        under as is are was were be been being am do does did done have has had having
        it its it's this that these those there here their them they we our us you your
        i me my mine he she his her so not no nor can could would should will shall may
        might must just also very really quite only than too about which who whom whose
        what when where why how all any each some such more most other own same both few
        many much one ones via per etc e.g i.e eg ie vs get got gets make makes made use
        used uses using let lets like e g
    """
    )
)

# Glue words: their presence is what separates a claim from a list of nouns.
FUNCTION_WORDS = frozenset(
    words(
        """
        a an the is are was were be been being am it its this that these those so
        because since if then when while which who to of in on at by for with from and
        or but not no can could would should will we i my our they their there as than
        do does did has have had into over after before until once each every also only
        just into how why what
    """
    )
)

_GROUPS: list[list[str]] = [
    [
        "cost",
        "price",
        "spend",
        "expense",
        "expensive",
        "cheap",
        "cheaper",
        "dollar",
        "budget",
        "bill",
    ],
    words(
        """
        fail failure outage crash down unavailable breaks broken
    """
    ),
    words(
        """
        fallback degrade degradation backup fall default
    """
    ),
    words(
        """
        monitor alert alarm dashboard observe observability watch
    """
    ),
    words(
        """
        latency delay slow slowness lag
    """
    ),
    words(
        """
        fast quick quickly speed faster
    """
    ),
    words(
        """
        big large huge massive grow growth bigger larger
    """
    ),
    words(
        """
        small tiny little smaller lightweight light
    """
    ),
    words(
        """
        error mistake bug wrong incorrect
    """
    ),
    words(
        """
        user customer client buyer shopper seller
    """
    ),
    words(
        """
        metric measure kpi measurement
    """
    ),
    words(
        """
        accuracy quality precision
    """
    ),
    words(
        """
        prediction predict score inference estimate
    """
    ),
    words(
        """
        training train fit learn fine-tune finetune
    """
    ),
    words(
        """
        feature signal attribute
    """
    ),
    words(
        """
        label annotation ground annotate annotator
    """
    ),
    words(
        """
        embedding vector representation encoder encode
    """
    ),
    words(
        """
        retrieve retrieval search lookup fetch
    """
    ),
    words(
        """
        rank ranking reranker re-rank rerank
    """
    ),
    words(
        """
        cache caching memoize precompute precomputed
    """
    ),
    words(
        """
        batch offline nightly daily
    """
    ),
    words(
        """
        realtime real-time online streaming live
    """
    ),
    words(
        """
        drift shift skew distribution
    """
    ),
    words(
        """
        experiment a/b randomized holdout
    """
    ),
    words(
        """
        team group org colleague peer
    """
    ),
    words(
        """
        decide decision chose choose choice pick picked
    """
    ),
    words(
        """
        improve improvement better boost increase raise lift gain
    """
    ),
    words(
        """
        reduce reduction cut decrease lower drop shrink save saving
    """
    ),
    words(
        """
        mask masking hide block
    """
    ),
    words(
        """
        duplicate duplicates repeated
    """
    ),
    words(
        """
        empty blank none null nothing zero-length
    """
    ),
    words(
        """
        stack lifo
    """
    ),
    words(
        """
        queue fifo deque
    """
    ),
    words(
        """
        heap priority heapq
    """
    ),
    words(
        """
        visit visited seen mark marked
    """
    ),
    words(
        """
        gpu accelerator gpus
    """
    ),
    words(
        """
        memory ram vram hbm
    """
    ),
    words(
        """
        throughput qps rps requests
    """
    ),
    words(
        """
        privacy pii personal sensitive
    """
    ),
    words(
        """
        hallucination hallucinate fabricate invent unsupported ungrounded
    """
    ),
    words(
        """
        imbalance imbalanced rare skewed
    """
    ),
    words(
        """
        overfit overfitting memorize variance
    """
    ),
    words(
        """
        underfit underfitting bias
    """
    ),
    words(
        """
        regularization regularize penalty l1 l2 weight-decay
    """
    ),
    words(
        """
        threshold cutoff cut-off operating
    """
    ),
    words(
        """
        learned learnt lesson reflect hindsight retrospect
    """
    ),
]


def _build_synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _GROUPS:
        canon = _stem(group[0])
        for word in group:
            table.setdefault(_stem(word), canon)
            table.setdefault(word, canon)
    return table


SYNONYMS: dict[str, str] = _build_synonyms()

# Connectives that turn a claim into reasoning.
REASONING = (
    "because",
    "since",
    "so that",
    "which means",
    "that means",
    "therefore",
    "thus",
    "hence",
    "otherwise",
    "instead of",
    "rather than",
    "at the cost of",
    "trade-off",
    "tradeoff",
    "trade off",
    "the downside",
    "the catch",
    "in exchange",
    "as a result",
    "due to",
    "which is why",
    "this is why",
    "so the",
    "so we",
    "so i",
    "so it",
    "if ",
    "unless",
    "whereas",
    "but ",
    "however",
    "while ",
    "compared to",
    "versus",
    " vs ",
)

EDGE_CASE_TERMS = (
    "empty",
    "single",
    "one element",
    "duplicate",
    "negative",
    "zero",
    "none",
    "null",
    "overflow",
    "large",
    "all the same",
    "ties",
    "tie",
    "boundary",
    "edge case",
    "unreachable",
    "no solution",
    "impossible",
    "already sorted",
    "reversed",
)

EXAMPLE_TERMS = (
    "trace",
    "walk through",
    "walkthrough",
    "example",
    "e.g.",
    "for instance",
    "->",
    "=>",
)

CORRECTNESS_ARGUMENT_TERMS = (
    "invariant",
    "why it's right",
    "why it is right",
    "why it works",
    "correct because",
    "proof",
    "guarantee",
    "never",
    "always",
    "each cell",
    "every element",
    "at most once",
    "exactly once",
    "trace",
    "walk through",
    "at every step",
)

TRADEOFF_TERMS = (
    "trade-off",
    "tradeoff",
    "trade off",
    "instead of",
    "rather than",
    "alternative",
    "alternatively",
    "versus",
    " vs ",
    "compared to",
    "simpler",
    "brute force",
    "naive",
    "at the cost",
    "cheaper",
    "better than",
    "worse",
    "could also",
    "would also",
)

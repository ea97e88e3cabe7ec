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

STOPWORDS = frozenset(
    """a an the and or but if then else of to in on at by for with from into onto over under
    as is are was were be been being am do does did done have has had having it its it's this
    that these those there here their them they we our us you your i me my mine he she his her
    so not no nor can could would should will shall may might must just also very really
    quite only than too about which who whom whose what when where why how all any each some
    such more most other own same both few many much one ones via per etc e.g i.e eg ie vs
    get got gets make makes made use used uses using let lets like e g""".split()
)

# Glue words: their presence is what separates a claim from a list of nouns.
FUNCTION_WORDS = frozenset(
    """a an the is are was were be been being am it its this that these those so because
    since if then when while which who to of in on at by for with from and or but not no
    can could would should will we i my our they their there as than do does did has have
    had into over after before until once each every also only just into how why what""".split()
)

_GROUPS: list[list[str]] = [
    ["cost", "price", "spend", "expense", "expensive", "cheap", "cheaper", "dollar", "budget", "bill"],
    ["fail", "failure", "outage", "crash", "down", "unavailable", "breaks", "broken"],
    ["fallback", "degrade", "degradation", "backup", "fall", "default"],
    ["monitor", "alert", "alarm", "dashboard", "observe", "observability", "watch"],
    ["latency", "delay", "slow", "slowness", "lag"],
    ["fast", "quick", "quickly", "speed", "faster"],
    ["big", "large", "huge", "massive", "grow", "growth", "bigger", "larger"],
    ["small", "tiny", "little", "smaller", "lightweight", "light"],
    ["error", "mistake", "bug", "wrong", "incorrect"],
    ["user", "customer", "client", "buyer", "shopper", "seller"],
    ["metric", "measure", "kpi", "measurement"],
    ["accuracy", "quality", "precision"],
    ["prediction", "predict", "score", "inference", "estimate"],
    ["training", "train", "fit", "learn", "fine-tune", "finetune"],
    ["feature", "signal", "attribute"],
    ["label", "annotation", "ground", "annotate", "annotator"],
    ["embedding", "vector", "representation", "encoder", "encode"],
    ["retrieve", "retrieval", "search", "lookup", "fetch"],
    ["rank", "ranking", "reranker", "re-rank", "rerank"],
    ["cache", "caching", "memoize", "precompute", "precomputed"],
    ["batch", "offline", "nightly", "daily"],
    ["realtime", "real-time", "online", "streaming", "live"],
    ["drift", "shift", "skew", "distribution"],
    ["experiment", "a/b", "randomized", "holdout"],
    ["team", "group", "org", "colleague", "peer"],
    ["decide", "decision", "chose", "choose", "choice", "pick", "picked"],
    ["improve", "improvement", "better", "boost", "increase", "raise", "lift", "gain"],
    ["reduce", "reduction", "cut", "decrease", "lower", "drop", "shrink", "save", "saving"],
    ["mask", "masking", "hide", "block"],
    ["duplicate", "duplicates", "repeated"],
    ["empty", "blank", "none", "null", "nothing", "zero-length"],
    ["stack", "lifo"],
    ["queue", "fifo", "deque"],
    ["heap", "priority", "heapq"],
    ["visit", "visited", "seen", "mark", "marked"],
    ["gpu", "accelerator", "gpus"],
    ["memory", "ram", "vram", "hbm"],
    ["throughput", "qps", "rps", "requests"],
    ["privacy", "pii", "personal", "sensitive"],
    ["hallucination", "hallucinate", "fabricate", "invent", "unsupported", "ungrounded"],
    ["imbalance", "imbalanced", "rare", "skewed"],
    ["overfit", "overfitting", "memorize", "variance"],
    ["underfit", "underfitting", "bias"],
    ["regularization", "regularize", "penalty", "l1", "l2", "weight-decay"],
    ["threshold", "cutoff", "cut-off", "operating"],
    ["learned", "learnt", "lesson", "reflect", "hindsight", "retrospect"],
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
    "because", "since", "so that", "which means", "that means", "therefore", "thus", "hence",
    "otherwise", "instead of", "rather than", "at the cost of", "trade-off", "tradeoff",
    "trade off", "the downside", "the catch", "in exchange", "as a result", "due to",
    "which is why", "this is why", "so the", "so we", "so i", "so it", "if ", "unless",
    "whereas", "but ", "however", "while ", "compared to", "versus", " vs ",
)

EDGE_CASE_TERMS = (
    "empty", "single", "one element", "duplicate", "negative", "zero", "none", "null",
    "overflow", "large", "all the same", "ties", "tie", "boundary", "edge case", "unreachable",
    "no solution", "impossible", "already sorted", "reversed",
)

EXAMPLE_TERMS = ("trace", "walk through", "walkthrough", "example", "e.g.", "for instance", "->", "=>")

CORRECTNESS_ARGUMENT_TERMS = (
    "invariant", "why it's right", "why it is right", "why it works", "correct because",
    "proof", "guarantee", "never", "always", "each cell", "every element", "at most once",
    "exactly once", "trace", "walk through", "at every step",
)

TRADEOFF_TERMS = (
    "trade-off", "tradeoff", "trade off", "instead of", "rather than", "alternative",
    "alternatively", "versus", " vs ", "compared to", "simpler", "brute force", "naive",
    "at the cost", "cheaper", "better than", "worse", "could also", "would also",
)

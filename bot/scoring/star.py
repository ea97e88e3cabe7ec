"""Reading a behavioural answer as a story: STAR parts, first person, results.

Bar raisers listen for a real past situation (not "I would" or "I always"),
the candidate's own actions ("I", not only "we"), results with numbers, and
what the candidate learned. Each is detected from sentence-level cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.scoring.text import Sentence

_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|last (?:year|quarter|month)|at my (?:previous|last|current)|"
    r"in my (?:previous|last|current)|years? ago|\w{3,}ed)\b",
    re.I,
)
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:i would|i'd|i always|i usually|i think|i believe|i'm very|"
    r"i am very|i tend to|in general)\b",
    re.I,
)
_I_ACTION_RE = re.compile(
    r"\bI\s+(?!am\b|was\b|think\b|believe\b|feel\b|would\b|'d\b|guess\b|always\b|usually\b|"
    r"hope\b|like\b|love\b|want\b)(?:also\s+|then\s+|personally\s+|quickly\s+)?[a-z]{2,}",
    re.I,
)
_WE_ACTION_RE = re.compile(r"\b(?:we|the team)\s+(?:also\s+|then\s+)?[a-z]{2,}ed\b", re.I)
_WE_RE = re.compile(r"\b(?:we|our|us|the team)\b", re.I)
_I_RE = re.compile(r"\b(?:I|my|me|myself)\b")
_TASK_RE = re.compile(
    r"\b(?:my (?:goal|task|job|role|responsibility)"
    r"|i (?:was asked|needed|had to|owned|was responsible)"
    r"|(?:goal|task) was|needed to|had to|deadline|target|so that|wasn't ours|not my)\b",
    re.I,
)
_RESULT_RE = re.compile(
    r"\b(?:result|outcome|impact|as a result|in the end|ended up|went from|dropped|reduced|"
    r"increased|improved|saved|cut|grew|launched|shipped|delivered|recovered|fell|rose|lifted|"
    r"fixed|solved|resolved|went well|worked out|was happy|were happy)\b",
    re.I,
)
_REFLECTION_RE = re.compile(
    r"\b(?:learn(?:ed|t)|lesson|in hindsight|looking back|next time|would do differently|"
    r"taught me|since then|now i|i now|changed how i|i still|what i'd change|i'd do)\b",
    re.I,
)
_LASTING_RE = re.compile(
    r"\b(?:reused|adopted|mechanism|playbook|runbook|process|standard|template|still|since then|"
    r"other teams|became|rolled out|default)\b",
    re.I,
)
_BUSINESS_RE = re.compile(
    r"(?:\$|\b(?:customer|revenue|cost|conversion|sales|complaints|tickets|users|sellers|"
    r"latency|churn|retention|budget|savings|orders)\b)",
    re.I,
)
_NUMBER_RE = re.compile(r"\d")


@dataclass(frozen=True)
class Story:
    situation: bool
    task: bool
    actions: list[str]
    team_actions: list[str]
    results: list[str]
    quantified_results: int
    reflection: list[str]
    hypothetical: bool
    i_count: int
    we_count: int
    business_tie: bool
    lasting: bool

    @property
    def parts(self) -> int:
        # STAR needs an action; whose action it was is the ownership criterion's question.
        acted = bool(self.actions or self.team_actions)
        return sum((self.situation, self.task, acted, bool(self.results)))

    @property
    def first_person_share(self) -> float:
        total = self.i_count + self.we_count
        return self.i_count / total if total else 0.0


def read_story(sentences: list[Sentence]) -> Story:
    prose = [s.text for s in sentences if s.is_prose or len(s.words) >= 4]
    text = "\n".join(prose)
    past = [p for p in prose if _PAST_RE.search(p)]
    actions = [p for p in prose if _I_ACTION_RE.search(p) and _PAST_RE.search(p)]
    results = [p for p in prose if _RESULT_RE.search(p)]
    head = prose[: max(2, len(prose) // 3)]
    hypothetical_lines = sum(bool(_HYPOTHETICAL_RE.search(p)) for p in prose)
    return Story(
        situation=any(_PAST_RE.search(p) for p in head) and len(past) >= 2,
        task=bool(_TASK_RE.search(text)),
        actions=actions,
        team_actions=[p for p in prose if _WE_ACTION_RE.search(p)],
        results=results,
        quantified_results=sum(len(re.findall(r"\d[\d,.]*", r)) > 0 for r in results)
        + sum(
            _NUMBER_RE.search(p) is not None for p in prose[len(prose) // 2 :] if p not in results
        ),
        reflection=[p for p in prose if _REFLECTION_RE.search(p)],
        hypothetical=len(past) < 2 or hypothetical_lines > len(past),
        i_count=len(_I_RE.findall(text)),
        we_count=len(_WE_RE.findall(text)),
        business_tie=any(_BUSINESS_RE.search(r) for r in results),
        lasting=bool(_LASTING_RE.search(text)),
    )

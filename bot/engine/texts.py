"""What the interviewer says, in one place, so wording stays consistent across platforms."""

from __future__ import annotations

HELP_LINE = (
    "Commands: /mock start [coding|ml|system-design|leadership] [level=L4|L5|L6] "
    "[difficulty=easy|medium|hard] [topic=...] · /mock loop [level=...] · "
    "/mock history · /mock help"
)
HELP = f"""mockbot runs timed mock interviews for ML-engineer loops.

{HELP_LINE}

During a round: write your answer in as many messages as you like, then
  hint    reveal the next hint (hints used show on your card)
  time    how much time is left
  repeat  show the question again
  submit  end your answer (also: done); the interviewer may ask follow-ups
  skip    skip a follow-up, or the question itself
  end     end the session (your answers so far are kept)"""

NO_SESSION = "You have no interview running."
START_HINT = "Start one with /mock start ml (or coding, system-design, leadership), or /mock loop."
MAX_ANSWER_CHARS = 20_000

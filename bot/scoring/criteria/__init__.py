"""Per-criterion rules: each reads an `Analysis` and returns a 1-5 judgement."""

"""Scoring answers against rubrics: the heuristic scorer and the code runner."""

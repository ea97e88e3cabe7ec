"""mockbot: a mock interviewer for ML-engineer interview loops."""

__version__ = "0.1.0"

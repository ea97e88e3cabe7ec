"""Persistence: SQLAlchemy models, migrations and the unit-of-work store the engine uses."""

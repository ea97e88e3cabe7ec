"""Interview content: question banks and rubrics (SCHEMA.md), loading and validation."""

"""Durable state on SQLite or PostgreSQL: sqlmodel tables, Alembic migrations, the core's Store port."""

"""Storage: SQLAlchemy 2 models, the engine, and Alembic migrations.

Importing this package pulls in the SQLAlchemy ORM, which costs a few hundred
milliseconds: the UI imports it only after the first screen is painted.
"""

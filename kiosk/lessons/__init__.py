"""Lessons as data: the YAML schema (pydantic) and the loader that collects every error."""

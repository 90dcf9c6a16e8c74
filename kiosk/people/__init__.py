"""Residents as staff look after them: find anyone in a few keystrokes, see everything
about one person, correct, merge, export and erase.

The work is split by what staff do:

* kiosk.people.searching: `search`, and how it picks its plan on 300,000 residents;
* kiosk.people.records: one person's `profile` and `export`;
* kiosk.people.changes: `edit`, `merge` and `erase`;
* kiosk.people.duplicates: residents sharing a name and birth year;
* kiosk.people.rows: what they share (`ResidentRow`, `PeopleError`).

Callers import from here (`from kiosk import people`, `people.search(...)`).
"""

from __future__ import annotations

from kiosk.people.changes import MAX_REASON_LENGTH, Erased, MergeSummary, edit, erase, merge
from kiosk.people.duplicates import DuplicateGroup, duplicates_of, possible_duplicates
from kiosk.people.records import (
    LessonLine,
    LessonState,
    Profile,
    SkillLine,
    export,
    export_file_name,
    profile,
    write_export,
)
from kiosk.people.rows import PeopleError, ResidentRow
from kiosk.people.searching import SearchResult, search

__all__ = [
    "MAX_REASON_LENGTH",
    "DuplicateGroup",
    "Erased",
    "LessonLine",
    "LessonState",
    "MergeSummary",
    "PeopleError",
    "Profile",
    "ResidentRow",
    "SearchResult",
    "SkillLine",
    "duplicates_of",
    "edit",
    "erase",
    "export",
    "export_file_name",
    "merge",
    "possible_duplicates",
    "profile",
    "search",
    "write_export",
]

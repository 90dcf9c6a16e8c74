"""The kept writes on the kiosk's own disk: a kiosk switched off while its database was out
of reach stores, at its next start, exactly what the resident did, once."""

from __future__ import annotations

import json
import logging
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk import paths, progress, residents
from kiosk.db.models import LessonProgress, ProgressStatus, StepAttempt, StepStats
from kiosk.kept_writes import (
    JOURNAL_NAME,
    Answer,
    CheckDone,
    Journal,
    OutcomeGiven,
    StepDone,
    apply_in_order,
)
from kiosk.lessons.loader import load_pack


@pytest.fixture(scope="module")
def lessons():
    return load_pack(paths.BUNDLED_LESSONS).lessons


def a_lesson_with_check_and_outcome(lessons):
    return next(lesson for lesson in lessons.values()
                if lesson.check is not None and lesson.outcome is not None)


def writes_of_a_whole_lesson(lessons, resident_id: int) -> list:
    """What a resident does through one lesson: a wrong and a right answer on the first
    step, every step finished, the check passed, the outcome question answered."""
    lesson = a_lesson_with_check_and_outcome(lessons)
    moment = datetime(2026, 11, 29, 9, 30, 15, 123456, tzinfo=UTC)
    writes = [Answer(resident_id, lesson, 0, False, "2", 1, 4.5, at=moment),
              Answer(resident_id, lesson, 0, True, "1", 1, 2.25,
                     at=moment.replace(second=20))]
    writes += [StepDone(resident_id, lesson, step, step > 0)
               for step in range(len(lesson.all_steps))]
    writes += [CheckDone(resident_id, lesson, lesson.check.pass_mark),
               OutcomeGiven(resident_id, lesson, lesson.outcome.answers[0])]
    return writes


def test_every_kind_of_write_reads_back_as_it_was_kept(tmp_path, lessons):
    writes = writes_of_a_whole_lesson(lessons, resident_id=7)
    journal = Journal(tmp_path)
    assert journal.save(writes)
    assert Journal(tmp_path).load(lessons) == writes
    # Only the owner may read it, and nothing in it names anyone.
    assert stat.S_IMODE(os.stat(tmp_path / JOURNAL_NAME).st_mode) == 0o600
    records = [json.loads(line) for line in (tmp_path / JOURNAL_NAME).read_text().splitlines()]
    assert {record["kind"] for record in records} == {
        "Answer", "StepDone", "CheckDone", "OutcomeGiven"}
    assert all(record["resident_id"] == 7 for record in records)
    # Stored, nothing is left to keep: the file goes.
    assert journal.save([])
    assert not (tmp_path / JOURNAL_NAME).exists()
    assert journal.load(lessons) == []


def stored(db, resident_id: int):
    with db() as session:
        answers = session.execute(select(StepAttempt.step_index, StepAttempt.correct,
                                         StepAttempt.answer)
                                  .where(StepAttempt.resident_id == resident_id)
                                  .order_by(StepAttempt.id)).all()
        counted = session.execute(select(func.sum(StepStats.attempts),
                                         func.sum(StepStats.wrong))).one()
        row = session.scalars(select(LessonProgress).where(
            LessonProgress.resident_id == resident_id)).one()
        return [tuple(a) for a in answers], tuple(counted), row.status, row.check_score


def test_writes_read_back_store_what_the_resident_did_once_even_if_replayed(
        db, tmp_path, lessons):
    resident = residents.register(db, full_name="Huỳnh Thị Mười", birth_year=1949,
                                  hamlet_id=residents.list_hamlets(db)[0].id,
                                  consent_given=True)
    writes = writes_of_a_whole_lesson(lessons, resident.id)
    Journal(tmp_path).save(writes)
    read_back = Journal(tmp_path).load(lessons)
    assert apply_in_order(db, read_back) == (len(writes), None)
    once = stored(db, resident.id)
    assert once[0] == [(0, False, "2"), (0, True, "1")]
    assert once[1] == (2, 1)
    assert once[2:] == (ProgressStatus.COMPLETED, writes[-2].score)
    # Switched off after storing them but before the file was rewritten: the next start
    # stores the same writes again, and nothing is counted twice.
    assert apply_in_order(db, Journal(tmp_path).load(lessons)) == (len(writes), None)
    assert stored(db, resident.id) == once
    assert progress.states(db, resident.id)[writes[0].lesson.id].completed


def test_a_torn_or_foreign_line_is_left_out_and_the_rest_kept(tmp_path, lessons, caplog):
    writes = writes_of_a_whole_lesson(lessons, resident_id=3)[:3]
    Journal(tmp_path).save(writes)
    path = tmp_path / JOURNAL_NAME
    good = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(good[0])
    bad = [
        json.dumps({**record, "lesson": "no.such-lesson"}),
        json.dumps({**record, "step": True}),  # a bool where a step number goes
        json.dumps({**record, "correct": "yes"}),
        json.dumps({**record, "kind": "DropTable"}),
        json.dumps({**record, "at": 12}),
        json.dumps(["not", "a", "record"]),
        "{\"kind\": \"Answer\", \"resident_id\": 3, \"less",  # torn by a power cut
    ]
    path.write_text("\n".join(good[:1] + bad + good[1:]) + "\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="kiosk.kept_writes"):
        assert Journal(tmp_path).load(lessons) == writes
    assert len([r for r in caplog.records if "is left out" in r.getMessage()]) == len(bad)


def test_an_unreadable_file_is_moved_aside_not_lost(tmp_path, lessons):
    (tmp_path / JOURNAL_NAME).write_bytes(b"\xff\xfe garbage \x00")
    assert Journal(tmp_path).load(lessons) == []
    assert not (tmp_path / JOURNAL_NAME).exists()
    aside = list(tmp_path.glob(f"{JOURNAL_NAME}.broken-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"\xff\xfe garbage \x00"


def test_a_disk_that_will_not_take_the_file_leaves_the_writes_in_memory(tmp_path, lessons,
                                                                        caplog):
    folder = tmp_path / "data"
    folder.write_text("a file where the data folder should be")
    journal = Journal(folder)
    writes = writes_of_a_whole_lesson(lessons, resident_id=5)
    with caplog.at_level(logging.WARNING, logger="kiosk.kept_writes"):
        assert journal.save(writes) is False
        assert journal.save(writes) is False
    assert len([r for r in caplog.records if "memory only" in r.getMessage()]) == 1
    assert list(tmp_path.iterdir()) == [folder]  # no partial file left behind
    folder.unlink()
    assert journal.save(writes)  # the disk takes it again
    assert Journal(folder).load(lessons) == writes


def test_the_file_is_replaced_whole(tmp_path, lessons):
    journal = Journal(tmp_path)
    writes = writes_of_a_whole_lesson(lessons, resident_id=9)
    journal.save(writes)
    journal.save(writes[2:])
    assert Journal(tmp_path).load(lessons) == writes[2:]
    assert sorted(p.name for p in tmp_path.iterdir()) == [JOURNAL_NAME]


def test_the_journal_holds_no_name_phone_or_typed_text(db, tmp_path, lessons):
    resident = residents.register(db, full_name="Trương Văn Đực", birth_year=1951,
                                  hamlet_id=residents.list_hamlets(db)[0].id,
                                  phone="0912345678", consent_given=True)
    Journal(tmp_path).save(writes_of_a_whole_lesson(lessons, resident.id))
    text = Path(tmp_path / JOURNAL_NAME).read_text(encoding="utf-8")
    for private in ("Trương", "Đực", "0912345678", "1951"):
        assert private not in text

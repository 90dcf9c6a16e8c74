"""Residents in the console, on a real SQLite file and a real PostgreSQL server: search, a
person's record, edit, merge, export and erase."""

from __future__ import annotations

import json
import random
import shutil
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from kiosk import people, progress, residents, settings
from kiosk.certificates import CertificateKind, issuing, keys, requests
from kiosk.db.engine import open_database
from kiosk.db.models import (
    Attendance,
    AuditEntry,
    Certificate,
    GroupSession,
    LessonProgress,
    OutcomeAnswer,
    PrintJob,
    PrintJobStatus,
    ProgressStatus,
    Resident,
    ResidentTerm,
    SkillProgress,
    StaffRole,
    StaffUser,
    StepAttempt,
    StepProgress,
)
from kiosk.demo import DEMO_HAMLETS
from kiosk.lessons.schema import Lesson
from kiosk.skills import Skill
from kiosk.staff import NotAllowed, StaffUserInfo
from kiosk.text import fold, name_terms

NAME = "Nguyễn Thị Ánh"
VOWELS = "aăâeêioôơuưy"
BASE = "aaaeeiooouuy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """One migrated SQLite database with the demo commune, copied for each test (migrating
    takes longer than most tests here). On PostgreSQL, conftest's template does this."""
    path = tmp_path_factory.mktemp("template") / "kiosk.sqlite3"
    factory = open_database(f"sqlite:///{path}", DEMO_HAMLETS)
    with factory() as session:
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    factory.kw["bind"].dispose()
    return path


@pytest.fixture
def db_file(db_url: str, request) -> Path | None:
    """The test's SQLite file, a copy of `migrated`; None on PostgreSQL."""
    if not db_url.startswith("sqlite:///"):
        return None
    path = Path(db_url.removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(request.getfixturevalue("migrated"), path)
    return path


@pytest.fixture
def db(db_url: str, db_file: Path | None):
    factory = open_database(db_url, DEMO_HAMLETS)
    yield factory
    factory.kw["bind"].dispose()


def hamlet(db, name: str) -> int:
    return next(h.id for h in residents.list_hamlets(db) if h.name == name)


def staff(db, role: StaffRole = StaffRole.STAFF) -> StaffUserInfo:
    with db.begin() as session:
        row = StaffUser(username=f"{role.value}-{random.random()}", display_name="Cán bộ",
                        role=role, pin_hash="!")
        session.add(row)
        session.flush()
        return StaffUserInfo(row.id, row.username, row.display_name, role)


def register(db, name: str = NAME, year: int = 1958,
             where: str = "Khóm Châu Long 3", phone: str = "") -> residents.ResidentInfo:
    return residents.register(db, full_name=name, birth_year=year,
                              hamlet_id=hamlet(db, where), phone=phone, consent_given=True)


def add_many(db, people_rows) -> None:
    """Residents written in one transaction, with the rows registration writes."""
    now = datetime.now(UTC)
    rows, terms = [], []
    for n, (name, year, hamlet_id, phone) in enumerate(people_rows, start=1000):
        rows.append({"id": n, "learner_code": f"T{n:05d}", "full_name": name,
                     "name_folded": fold(name), "birth_year": year, "hamlet_id": hamlet_id,
                     "phone": phone, "consent_version": "test", "consent_at": now,
                     "created_at": now, "updated_at": now})
        terms += [{"term": t, "resident_id": n} for t in name_terms(name)]
    with db.begin() as session:
        session.execute(Resident.__table__.insert(), rows)
        session.execute(ResidentTerm.__table__.insert(), terms)


def names(result: people.SearchResult) -> list[str]:
    return [row.full_name for row in result.rows]


def lesson(skill: Skill, n: int, *, final: bool = False, outcome: bool = False) -> Lesson:
    data = {"id": f"{skill.value}.bai-{n}", "skill": skill.value, "title": f"Bài {n}",
            "final": final,
            "steps": [{"kind": "explain", "text": "Bước một"},
                      {"kind": "explain", "text": "Bước hai"},
                      {"kind": "explain", "text": "Bước ba"}]}
    if final:
        data["check"] = {"pass_mark": 1, "questions": [
            {"kind": "choice", "prompt": "Chọn đáp án đúng",
             "options": [{"text": "Đúng", "correct": True}, {"text": "Sai"}]}]}
    if outcome:
        data["outcome"] = {"key": "vneid_activated", "question": "Đã có VNeID chưa?",
                           "answers": ["Đã có", "Chưa có"]}
    return Lesson.model_validate(data)


LESSONS = {skill: [lesson(skill, 1, outcome=skill is Skill.PLATFORMS), lesson(skill, 2),
                   lesson(skill, 3, final=True)] for skill in Skill}


def finish(db, resident_id: int, item: Lesson, steps: int | None = None) -> None:
    """Do the lesson's first `steps` steps, or all of it (its check passed)."""
    for index in range(len(item.steps) if steps is None else steps):
        progress.record_attempt(db, resident_id, item, index, correct=True)
        progress.finish_step(db, resident_id, item, index, correct_first_try=True)
    if steps is None and item.check is not None:
        progress.finish_check(db, resident_id, item, item.check.pass_mark)


def complete_skill(db, resident_id: int, skill: Skill) -> None:
    for item in LESSONS[skill]:
        finish(db, resident_id, item)


# --- search: what staff type ----------------------------------------------------------------


@pytest.fixture
def anh(db) -> residents.ResidentInfo:
    register(db, "Nguyễn Văn An", 1956, "Khóm Châu Long 1")
    register(db, "Trần Thị Ánh Tuyết", 1958, "Khóm Mỹ Chánh")
    register(db, "Lê Nguyễn Thị Ánh", 1970, "Khóm Vĩnh Tây 2")
    return register(db, NAME, 1958, "Khóm Châu Long 3", "0912 345 678")


@pytest.mark.parametrize("typed", [
    "nguyen thi anh", "Nguyễn Thị Ánh", "NGUYỄN THỊ ÁNH",
    unicodedata.normalize("NFD", "Nguyễn Thị Ánh"),
    unicodedata.normalize("NFD", "NGUYỄN THỊ ÁNH"),
    "nguyen, thi  anh", "  nguyen\tthi anh ",
])
def test_the_full_name_however_typed_finds_her_first(db, anh, typed):
    result = people.search(db, typed)
    assert result.rows[0].id == anh.id


def test_one_word_finds_everyone_with_that_word_and_the_exact_name_first(db, anh):
    assert set(names(people.search(db, "NGUYỄN"))) == {
        "Nguyễn Văn An", "Lê Nguyễn Thị Ánh", NAME}
    assert names(people.search(db, "ánh")) == [
        "Lê Nguyễn Thị Ánh", NAME, "Trần Thị Ánh Tuyết"]
    # Exact name first, then names starting with what was typed...
    assert names(people.search(db, "nguyen thi anh")) == [NAME, "Lê Nguyễn Thị Ánh"]
    assert names(people.search(db, "nguyen")) == [
        "Nguyễn Thị Ánh", "Nguyễn Văn An", "Lê Nguyễn Thị Ánh"]
    # Then names starting with the first word typed: the family name, as staff type it.
    assert names(people.search(db, "nguyen anh")) == [NAME, "Lê Nguyễn Thị Ánh"]
    assert names(people.search(db, "ng th an")) == [NAME, "Lê Nguyễn Thị Ánh"]
    # Words in another order: names starting with any of them, then the others.
    assert names(people.search(db, "ánh nguyễn")) == [NAME, "Lê Nguyễn Thị Ánh"]
    assert names(people.search(db, "ánh lê")) == ["Lê Nguyễn Thị Ánh"]


def test_a_word_matches_the_start_of_a_name_word_only(db, anh):
    # "an" starts "An" and "Ánh"; "nh" is inside "Ánh" but starts no word.
    assert set(names(people.search(db, "an"))) == {
        "Nguyễn Văn An", "Trần Thị Ánh Tuyết", "Lê Nguyễn Thị Ánh", NAME}
    assert people.search(db, "nh").rows == ()
    assert people.search(db, "uyen").rows == ()


def test_a_birth_year_narrows_the_name(db, anh):
    result = people.search(db, "anh 1958")
    assert names(result) == [NAME, "Trần Thị Ánh Tuyết"]
    assert (result.total, result.more) == (2, False)
    assert names(people.search(db, "1956")) == ["Nguyễn Văn An"]
    # While the year is typed, its first digits already narrow: "195" is the 1950s.
    assert set(names(people.search(db, "anh 195"))) == {NAME, "Trần Thị Ánh Tuyết"}


def test_a_learner_code_as_typed_or_scanned(db, anh):
    code = anh.learner_code
    for typed in (code, code.lower(), f"{code[:3].lower()} {code[3:].lower()}",
                  f"{code[:3]}-{code[3:]}", f" {code[:3]}  {code[3:]} "):
        result = people.search(db, typed)
        assert [row.id for row in result.rows] == [anh.id], typed
        assert result.rows[0].code_display == f"{code[:3]} {code[3:]}"


def test_the_start_of_a_phone_number(db, anh):
    for typed in ("0912", "0912 345", "0912.345.678", "+84912345678", "0912345678"):
        assert [row.id for row in people.search(db, typed).rows] == [anh.id], typed
    assert people.search(db, "0913").rows == ()


def test_a_khom_name_alone_or_with_the_rest(db, anh):
    assert names(people.search(db, "khóm châu long 3")) == [NAME]
    assert names(people.search(db, "chau long 3")) == [NAME]
    assert set(names(people.search(db, "khom chau long"))) == {"Nguyễn Văn An", NAME}
    assert names(people.search(db, "nguyen an 1956 khom 1")) == ["Nguyễn Văn An"]
    assert names(people.search(db, "nguyen 1958 khom 3")) == [NAME]
    assert names(people.search(db, "my chanh")) == ["Trần Thị Ánh Tuyết"]
    assert names(people.search(db, "nguyen khom 2")) == ["Lê Nguyễn Thị Ánh"]
    assert people.search(db, "nguyen khom my").rows == ()


def test_every_word_must_match(db, anh):
    assert people.search(db, "nguyen thi anh 1999").rows == ()
    assert people.search(db, "nguyen xyz").rows == ()
    assert people.search(db, "").rows == ()
    assert people.search(db, "   ").total == 0


def test_dao_and_dao_with_a_stroke_find_each_other_by_design(db):
    """Đ folds to d: "Đào" and "Dao" are the same to a search without diacritics, as a
    resident typing on a keyboard without Vietnamese input would expect."""
    dao = register(db, "Đào Văn Đức", 1950)
    plain = register(db, "Dao Van Duc", 1951)
    for typed in ("Đào", "dao", "DAO", "đao", "duc dao", "Dao Van Duc"):
        assert {row.id for row in people.search(db, typed).rows} == {dao.id, plain.id}


@pytest.mark.parametrize("base, vowel, tone", [
    (b, v, t) for b, v in zip(BASE, VOWELS, strict=True) for t in TONES])
def test_every_vowel_with_every_tone_folds_in_any_case_and_form(base, vowel, tone):
    letter = unicodedata.normalize("NFC", vowel + tone)
    for form in ("NFC", "NFD"):
        assert fold(unicodedata.normalize(form, letter)) == base
        assert fold(unicodedata.normalize(form, letter.upper())) == base
    assert fold("Đ") == fold("đ") == "d"


def test_a_name_with_every_diacritic_is_found_by_its_plain_letters(db):
    letters = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES]
    words = ["Đ" + "".join(letters[i:i + 6]) for i in range(0, len(letters), 6)]
    name = " ".join(words)
    person = register(db, name)
    plain = " ".join("d" + b * 6 for b in BASE)
    for typed in (plain, plain.upper(), unicodedata.normalize("NFD", name.upper()),
                  name.lower()):
        assert [row.id for row in people.search(db, typed).rows] == [person.id]


# --- search: the two plans agree with a plain reading of every resident --------------------

FAMILY = ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Ngô", "Võ"]
MIDDLE = ["Thị", "Văn", "Ngọc", "Minh", "Thị", "Văn", "Nguyễn"]
GIVEN = ["Anh", "Ánh", "An", "Hùng", "Hưng", "Lan", "Hoa", "Thi", "Thịnh", "Tâm", "Xuân"]


@pytest.fixture
def crowd(db):
    rng = random.Random(4)
    hamlets = [h.id for h in residents.list_hamlets(db)]
    add_many(db, [(" ".join([rng.choice(FAMILY), rng.choice(MIDDLE),
                             *rng.sample(GIVEN, rng.choice((1, 1, 2)))]),
                   rng.randint(1950, 1960), rng.choice(hamlets),
                   f"09{rng.randrange(10**8):08d}" if rng.random() < 0.5 else None)
                  for _ in range(1500)])
    with db() as session:
        everyone = session.execute(select(
            Resident.id, Resident.full_name, Resident.name_folded, Resident.birth_year,
            Resident.hamlet_id, Resident.phone)).all()
    words = {h.id: fold(h.name).split() for h in residents.list_hamlets(db)}
    return everyone, words


def reference(everyone, hamlet_words, typed: str) -> list[int]:
    """What search must answer, by reading every resident in Python."""
    parsed = people.searching._parse(typed, hamlet_words, datetime.now().year)

    def matches(r) -> bool:
        name = r.name_folded.split()
        return (all(any(w.startswith(word) for w in name)
                    or any(w.startswith(word) for w in hamlet_words[r.hamlet_id])
                    for word in parsed.words)
                and all(low <= r.birth_year <= high for low, high in parsed.years)
                and all(r.phone and r.phone.startswith(p) for p in parsed.phones))

    typed_name = " ".join(w for w in parsed.words
                          if any(any(n.startswith(w) for n in r.name_folded.split())
                                 for r in everyone))
    starts = [typed_name, *typed_name.split()[:3]] if typed_name else []

    def tier(r) -> int:
        return next((n for n, start in enumerate(starts) if r.name_folded.startswith(start)),
                    len(starts))

    found = [r for r in everyone if matches(r)]
    found.sort(key=lambda r: (r.name_folded != typed_name, tier(r), r.name_folded, r.id))
    return [r.id for r in found]


QUERIES = ["n", "ng", "nguyen", "nguyen t", "nguyen thi", "nguyen thi anh", "nguyen anh",
           "le anh", "anh le", "thi nguyen tam", "thi", "t",
           "an", "anh", "hung", "thi hung", "van thi", "nguyen tran", "xuan 1955", "195",
           "1958", "khom", "khom 3", "chau long 3 nguyen", "lan khom vinh", "09", "091",
           "thi nguyen", "vo ngoc", "zzz", "a b", "anh 19", "nguyen 195", "09 anh",
           "nguyen thi 1955 khom 3", "khom chau long"]


@pytest.mark.parametrize("few", [10**9, 40, 0])
def test_both_plans_give_what_reading_every_resident_gives(db, crowd, monkeypatch, few):
    """`few` moves the line between reading a constraint's few residents and reading the
    name index in order, so every query goes through one plan, the other, or a mix."""
    monkeypatch.setattr(people.searching, "SELECTIVE", few)
    monkeypatch.setattr(people.searching, "SELECTIVE_COMBINED", few)
    everyone, words = crowd
    for typed in QUERIES:
        expected = reference(everyone, words, typed)
        result = people.search(db, typed, limit=30)
        assert [row.id for row in result.rows] == expected[:30], typed
        if result.more:
            assert len(expected) > result.total == 30, typed
        else:
            assert result.total == len(expected), typed


def test_the_total_is_exact_for_few_and_more_than_the_page_for_many(db, crowd,
                                                                     monkeypatch):
    everyone, words = crowd
    result = people.search(db, "nguyen", limit=20)
    assert len(result.rows) == 20
    assert (result.total, result.more) == (len(reference(everyone, words, "nguyen")), False)
    monkeypatch.setattr(people.searching, "SELECTIVE", 100)
    result = people.search(db, "nguyen", limit=20)
    assert len(result.rows) == 20
    assert (result.total, result.more) == (20, True)


# --- a person's record ------------------------------------------------------------------------


def test_profile_shows_progress_per_skill_and_lesson(db):
    person = register(db)
    complete_skill(db, person.id, Skill.SAFETY)
    finish(db, person.id, LESSONS[Skill.PAYMENT][0], steps=2)  # resumes at step 3 of 3
    progress.record_outcome(db, person.id, LESSONS[Skill.PLATFORMS][0], "Đã có")
    twin = register(db, "NGUYEN THI ANH", 1958, "Khóm Mỹ Thành")
    record = people.profile(db, person.id, LESSONS)
    by_skill = {line.skill: line for line in record.skills}
    safety = by_skill[Skill.SAFETY]
    assert (safety.completed, safety.total) == (3, 3)
    assert safety.completed_at is not None and safety.completed_at.tzinfo is not None
    payment = by_skill[Skill.PAYMENT].lessons[0]
    assert (payment.state, payment.step, payment.steps) == ("in_progress", 3, 3)
    assert by_skill[Skill.SHOPPING].lessons[0].state == "not_started"
    assert [(o.question, o.answer) for o in record.outcomes] == [("Đã có VNeID chưa?", "Đã có")]
    assert [d.id for d in record.duplicates] == [twin.id]
    assert record.resident.hamlet_name == "Khóm Châu Long 3"


# --- edit ---------------------------------------------------------------------------------------


def test_edit_keeps_search_in_step_with_the_new_name(db):
    person = register(db, "Nguyen Thi Anh", 1958)
    actor = staff(db)
    with db.begin() as session:
        session.add(SkillProgress(resident_id=person.id, hamlet_id=person.hamlet_id,
                                  skill="safety"))
    other = hamlet(db, "Khóm Mỹ Thành")
    changed = people.edit(db, actor, person.id, full_name="  Phạm  Thị Ánh  Hồng ",
                          hamlet_id=other, phone="0912 000 111")
    assert changed.full_name == "Phạm Thị Ánh Hồng"
    assert [row.id for row in people.search(db, "pham hong").rows] == [person.id]
    assert people.search(db, "nguyen thi anh").rows == ()
    assert [row.id for row in people.search(db, "091200").rows] == [person.id]
    with db() as session:
        assert session.scalar(select(SkillProgress.hamlet_id)) == other
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "resident.edit")).one()
    detail = json.loads(entry.detail)
    assert detail["fields"] == ["full_name", "hamlet_id", "phone"]
    assert "Phạm" not in entry.detail and "0912" not in entry.detail


def test_a_new_khom_takes_the_persons_outcome_answers_along(db):
    """The outcomes report counts answers by the khóm/ấp stored on each answer."""
    person, neighbour = register(db), register(db, "Trần Văn Bảy", 1950)
    for who in (person, neighbour):
        progress.record_outcome(db, who.id, LESSONS[Skill.PLATFORMS][0], "Đã có")
    other = hamlet(db, "Khóm Mỹ Thành")
    people.edit(db, staff(db), person.id, hamlet_id=other)
    with db() as session:
        where = dict(session.execute(select(OutcomeAnswer.resident_id,
                                            OutcomeAnswer.hamlet_id)).all())
    assert where == {person.id: other, neighbour.id: hamlet(db, "Khóm Châu Long 3")}


def test_edit_refuses_bad_input_with_a_message_and_changes_nothing(db):
    person = register(db)
    actor = staff(db)
    for change, field in (({"full_name": "  "}, "full_name"), ({"birth_year": "19x8"},
                          "birth_year"), ({"birth_year": 1850}, "birth_year"),
                          ({"phone": "12345"}, "phone"), ({"hamlet_id": 9999}, "hamlet_id")):
        with pytest.raises(people.PeopleError) as refused:
            people.edit(db, actor, person.id, **change)
        assert refused.value.field == field and refused.value.message
    assert residents.get(db, person.id) == person
    with pytest.raises(NotAllowed):
        people.edit(db, staff(db, StaffRole.TEAM_MEMBER), person.id, full_name="Ai đó")


def test_edit_with_nothing_changed_writes_no_audit_entry(db):
    person = register(db)
    people.edit(db, staff(db), person.id, full_name=NAME, birth_year=1958)
    with db() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


# --- merge --------------------------------------------------------------------------------------


@pytest.fixture
def config(request) -> settings.Settings:
    if "db_url" in request.fixturenames:
        request.getfixturevalue("db_url")  # a server's URL goes into the settings first
    return settings.load()


@pytest.fixture
def key(config):
    return keys.load_or_create(config.data_dir)


def test_merge_moves_progress_and_certificates_and_deletes_the_duplicate(db, config, key):
    keep = register(db, NAME, 1958)
    drop = register(db, "Nguyen Thi Anh", 1958, "Khóm Mỹ Thành", "0912345678")
    actor = staff(db)
    first, second, _ = LESSONS[Skill.SAFETY]
    # keep: lesson 1 half done; drop: lesson 1 done, and the whole payment skill.
    finish(db, keep.id, first, steps=1)
    finish(db, drop.id, first)
    finish(db, drop.id, second, steps=2)
    complete_skill(db, drop.id, Skill.PAYMENT)
    progress.record_outcome(db, keep.id, LESSONS[Skill.PLATFORMS][0], "Chưa có")
    progress.record_outcome(db, drop.id, LESSONS[Skill.PLATFORMS][0], "Đã có")
    with db.begin() as session:  # keep answered first: the later answer is drop's
        session.execute(OutcomeAnswer.__table__.update().where(
            OutcomeAnswer.resident_id == keep.id).values(
            answered_at=datetime.now(UTC) - timedelta(days=3)))
        group = GroupSession(place="Nhà văn hóa khóm")
        session.add(group)
        session.flush()
        session.add_all([Attendance(session_id=group.id, resident_id=keep.id),
                         Attendance(session_id=group.id, resident_id=drop.id,
                                    passed_check=True)])
    certificate = issuing.issue(db, drop.id, CertificateKind.SKILL, Skill.PAYMENT, config,
                                key, lessons_by_skill=LESSONS)
    with db() as session:
        attempts_before = session.scalar(select(func.count()).select_from(StepAttempt))

    summary = people.merge(db, actor, keep.id, drop.id)

    assert (summary.dropped_id, summary.certificates) == (drop.id, 1)
    assert residents.get(db, drop.id) is None
    with db() as session:
        rows = {r.lesson_id: r for r in session.scalars(select(LessonProgress))}
        assert {r.resident_id for r in rows.values()} == {keep.id}
        assert rows[first.id].status == ProgressStatus.COMPLETED  # the completed one won
        assert rows[second.id].current_step == 2
        steps = session.scalars(select(StepProgress.step_index).where(
            StepProgress.progress_id == rows[first.id].id).order_by(
            StepProgress.step_index)).all()
        assert steps == [0, 1, 2]
        skills = {s.skill: s for s in session.scalars(select(SkillProgress))}
        assert {s.resident_id for s in skills.values()} == {keep.id}
        assert {s.hamlet_id for s in skills.values()} == {keep.hamlet_id}
        assert skills["payment"].completed_at is not None
        assert session.scalar(select(func.count()).select_from(StepAttempt).where(
            StepAttempt.resident_id == keep.id)) == attempts_before
        assert session.scalars(select(OutcomeAnswer.answer)).all() == ["Đã có"]
        attendance = session.scalars(select(Attendance)).all()
        assert [(a.resident_id, a.passed_check) for a in attendance] == [(keep.id, True)]
        assert session.scalar(select(Certificate.resident_id).where(
            Certificate.serial == certificate.serial)) == keep.id
        assert session.scalar(select(func.count()).select_from(ResidentTerm).where(
            ResidentTerm.resident_id == drop.id)) == 0
        kept = session.get(Resident, keep.id)
        assert (kept.full_name, kept.phone) == (NAME, "0912345678")
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "resident.merge")).one()
    detail = json.loads(entry.detail)
    assert (detail["kept_id"], detail["dropped_id"]) == (keep.id, drop.id)
    assert detail["dropped_code"] == drop.learner_code and "Nguy" not in entry.detail
    summary_after = people.profile(db, keep.id, LESSONS)
    payment = next(s for s in summary_after.skills if s.skill is Skill.PAYMENT)
    assert payment.completed == 3
    assert [row.id for row in people.search(db, "nguyen thi anh").rows] == [keep.id]


def test_merge_of_two_records_that_both_hold_a_skill_certificate_keeps_one_current(
        db, config, key):
    keep = register(db, NAME, 1958)
    drop = register(db, "Nguyen Thi Anh", 1958)
    actor = staff(db)
    complete_skill(db, keep.id, Skill.PAYMENT)
    complete_skill(db, drop.id, Skill.PAYMENT)
    kept = issuing.issue(db, keep.id, CertificateKind.SKILL, Skill.PAYMENT, config, key,
                         lessons_by_skill=LESSONS)
    other = issuing.issue(db, drop.id, CertificateKind.SKILL, Skill.PAYMENT, config, key,
                          lessons_by_skill=LESSONS)

    summary = people.merge(db, actor, keep.id, drop.id)

    assert summary.certificates == 1 and residents.get(db, drop.id) is None
    with db() as session:
        rows = {c.serial: c for c in session.scalars(select(Certificate))}
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "resident.merge")).one()
    assert {c.resident_id for c in rows.values()} == {keep.id}
    assert rows[kept.serial].revoked_at is None
    assert rows[other.serial].revoked_at is not None
    assert kept.serial in rows[other.serial].revoked_reason
    assert json.loads(entry.detail)["revoked"] == [other.serial]


def test_merge_keeps_the_earlier_completion_and_refuses_odd_requests(db):
    keep, drop = register(db), register(db, NAME, 1958, "Khóm Mỹ Thành")
    item = LESSONS[Skill.SAFETY][0]
    finish(db, keep.id, item)
    finish(db, drop.id, item)
    earlier = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    with db.begin() as session:
        session.execute(LessonProgress.__table__.update().where(
            LessonProgress.resident_id == drop.id).values(completed_at=earlier))
    actor = staff(db)
    people.merge(db, actor, keep.id, drop.id)
    with db() as session:
        row = session.scalars(select(LessonProgress)).one()
        assert row.completed_at.replace(tzinfo=UTC) == earlier and row.resident_id == keep.id
    with pytest.raises(people.PeopleError):
        people.merge(db, actor, keep.id, keep.id)
    with pytest.raises(people.PeopleError):
        people.merge(db, actor, keep.id, drop.id)  # gone already
    with pytest.raises(NotAllowed):
        people.merge(db, staff(db, StaffRole.TEAM_MEMBER), keep.id, register(db).id)


def test_merge_makes_a_digital_citizen_of_two_halves_and_moves_answers_to_her_khom(db):
    """Three skills on one record and the other two on its duplicate: merged, the person
    has completed all five ("Công dân số"), when the later record's last skill was."""
    keep = register(db, NAME, 1958)
    drop = register(db, "Nguyen Thi Anh", 1958, "Khóm Mỹ Thành")
    skills = list(Skill)
    for skill in skills[:3]:
        complete_skill(db, keep.id, skill)
    for skill in skills[3:]:
        complete_skill(db, drop.id, skill)
    progress.record_outcome(db, drop.id, LESSONS[Skill.PLATFORMS][0], "Đã có")
    with db() as session:
        assert session.scalars(select(Resident.all_skills_completed_at)).all() == [None, None]
        last = session.scalar(select(func.max(SkillProgress.completed_at)))
    people.merge(db, staff(db), keep.id, drop.id)
    with db() as session:
        kept = session.get(Resident, keep.id)
        assert kept.all_skills_completed_at == last
        assert session.execute(select(OutcomeAnswer.resident_id,
                                      OutcomeAnswer.hamlet_id)).all() == [
            (keep.id, keep.hamlet_id)]
    exported = people.export(db, staff(db), keep.id, LESSONS)
    assert exported["Người học"]["Hoàn thành đủ 5 kỹ năng (Công dân số)"] is not None


def test_merge_of_records_short_of_five_skills_makes_no_digital_citizen(db):
    keep, drop = register(db), register(db, NAME, 1958, "Khóm Mỹ Thành")
    skills = list(Skill)
    for skill in skills[:3]:
        complete_skill(db, keep.id, skill)
    for skill in skills[1:4]:  # two of them the same: four skills between the two
        complete_skill(db, drop.id, skill)
    people.merge(db, staff(db), keep.id, drop.id)
    with db() as session:
        assert session.get(Resident, keep.id).all_skills_completed_at is None


def test_possible_duplicates_pairs_the_same_name_and_year(db):
    a = register(db, NAME, 1958)
    b = register(db, "nguyễn thị ánh", 1958, "Khóm Mỹ Thành")
    register(db, NAME, 1959)
    register(db, "Trần Văn Bảy", 1950)
    groups = people.possible_duplicates(db)
    assert [[r.id for r in g.residents] for g in groups] == [[a.id, b.id]]
    assert [r.id for r in people.duplicates_of(db, b.id)] == [a.id]


# --- export -------------------------------------------------------------------------------------


def test_export_holds_everything_stored_in_vietnamese(db, tmp_path):
    person = register(db, phone="0912345678")
    finish(db, person.id, LESSONS[Skill.SAFETY][0])
    progress.record_outcome(db, person.id, LESSONS[Skill.PLATFORMS][0], "Đã có")
    actor = staff(db)
    data = people.export(db, actor, person.id, LESSONS)
    path = people.write_export(data, tmp_path / people.export_file_name(person.learner_code))
    assert path.name == f"nguoi-hoc-{person.learner_code}.json"
    back = json.loads(path.read_text(encoding="utf-8"))
    assert back["Người học"]["Họ và tên"] == NAME
    assert back["Người học"]["Số điện thoại"] == "0912345678"
    assert back["Người học"]["Khóm/ấp"] == "Khóm Châu Long 3"
    lessons = back["Tiến độ theo bài"]
    assert [(row["Tên bài"], row["Trạng thái"]) for row in lessons] == [
        ("Bài 1", "Đã hoàn thành")]
    assert len(lessons[0]["Các bước đã xong"]) == 3
    assert len(back["Các lần trả lời"]) == 3
    assert back["Câu trả lời về kết quả"][0]["Trả lời"] == "Đã có"
    with db() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "resident.export")).one()
    assert json.loads(entry.detail) == {"learner_code": person.learner_code,
                                        "resident_id": person.id}
    with pytest.raises(NotAllowed):
        people.export(db, staff(db, StaffRole.TEAM_MEMBER), person.id)


# --- erase --------------------------------------------------------------------------------------

UNIQUE_NAME = "Đặng Thị Xuyến Ngọc Khuê"


def stored_bytes(db_file: Path) -> bytes:
    data = db_file.read_bytes()
    wal = db_file.with_name(db_file.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


@pytest.fixture(params=["default", "secure delete off"])
def erase_db(request, db):
    """Erase must clear the file itself, also where SQLite was built not to by default."""
    if request.param != "default":
        engine = db.kw["bind"]
        event.listen(engine, "connect",
                     lambda connection, _: connection.execute("PRAGMA secure_delete = OFF"))
        engine.dispose()
    return db


@pytest.mark.sqlite_only
def test_erase_leaves_no_trace_of_the_name_in_the_database_file(erase_db, db_file, config,
                                                               key):
    db = erase_db
    person = register(db, UNIQUE_NAME, 1961, phone="0987654321")
    neighbour = register(db, "Trần Văn Bảy", 1950)
    complete_skill(db, person.id, Skill.SAFETY)
    progress.record_outcome(db, person.id, LESSONS[Skill.PLATFORMS][0], "Đã có")
    wanted = requests.certificates_for(db, person.id, Skill.SAFETY, LESSONS, config, key)
    job = requests.queue_for_printing(db, config, wanted)
    assert job.pdf_path.exists()
    people.edit(db, staff(db), person.id, birth_year=1962)  # an audit entry about them
    with db() as session:
        assert session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).first()[0] == 0
    assert UNIQUE_NAME.encode() in stored_bytes(db_file)

    erased = people.erase(db, staff(db), person.id, "Người dân yêu cầu xóa dữ liệu")

    assert (erased.certificates, erased.print_jobs, erased.file_cleared) == (1, 1, True)
    stored = stored_bytes(db_file)
    for trace in (UNIQUE_NAME, fold(UNIQUE_NAME), "xuyen", "khue", "0987654321"):
        assert trace.encode() not in stored, trace
    assert "Trần Văn Bảy".encode() in stored  # the neighbour is still there
    assert not job.pdf_path.exists()
    with db() as session:
        certificate = session.scalars(select(Certificate)).one()
        assert certificate.serial == wanted[0].serial
        assert (certificate.resident_id, certificate.token) == (None, None)
        assert certificate.kind == CertificateKind.SKILL and certificate.skill == "safety"
        assert certificate.revoked_at is not None and certificate.issued_at is not None
        print_job = session.scalars(select(PrintJob)).one()
        assert print_job.status == PrintJobStatus.CANCELLED
        for table in (LessonProgress, StepAttempt, SkillProgress, OutcomeAnswer):
            assert session.scalar(select(func.count()).select_from(table).where(
                table.resident_id == person.id)) == 0
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "resident.erase")).one()
    assert json.loads(entry.detail) == {"learner_code": person.learner_code,
                                        "reason": "Người dân yêu cầu xóa dữ liệu",
                                        "resident_id": person.id}
    assert people.search(db, "xuyen").rows == ()
    assert [r.id for r in people.search(db, "tran van bay").rows] == [neighbour.id]
    verdict = issuing.revocation_check(db)(wanted[0].serial)
    assert verdict[0] is True


def test_erase_asks_for_a_reason_without_the_persons_name(db):
    person = register(db, UNIQUE_NAME, 1961, phone="0987654321")
    actor = staff(db)
    for reason in ("", "   ", "x" * 301, f"Bà {UNIQUE_NAME} xin xóa",
                   "dang thi xuyen ngoc khue xin xoa", "gọi số 0987 654 321"):
        with pytest.raises(people.PeopleError) as refused:
            people.erase(db, actor, person.id, reason)
        assert refused.value.field == "reason"
    assert residents.get(db, person.id) is not None


def test_a_team_member_cannot_erase(db):
    person = register(db)
    with pytest.raises(NotAllowed):
        people.erase(db, staff(db, StaffRole.TEAM_MEMBER), person.id, "Yêu cầu xóa")
    assert residents.get(db, person.id) is not None
    with db() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_a_certificate_another_kiosk_issued_a_moment_ago_is_the_one_printed(
        db, config, key, monkeypatch):
    person = register(db, NAME, 1958)
    complete_skill(db, person.id, Skill.SAFETY)
    looked = issuing.entitlements(db, person.id, LESSONS, config)  # this kiosk looks...
    other = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SAFETY, config, key,
                          lessons_by_skill=LESSONS)  # ...another kiosk issues meanwhile
    monkeypatch.setattr(issuing, "entitlements", lambda *args, **kwargs: looked)

    wanted = requests.certificates_for(db, person.id, Skill.SAFETY, LESSONS, config, key)

    assert [c.serial for c in wanted] == [other.serial]
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Certificate)) == 1

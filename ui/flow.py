"""The resident's way through the kiosk: which screen follows which, and what is stored.

Screens only show things and emit what the resident did; this controller calls the core
(kiosk.residents, kiosk.progress) and moves to the next screen. It holds the one piece of
session state, the resident at the kiosk, and forgets it when they leave.

Storage can fail under a resident (a locked file, a full disk, a lost server). What they
do in a lesson is stored through ui.pending_writes, which keeps it in order while storage
is away, so they carry on; an action that needs storage at once (signing up, signing in,
opening the skills list) leaves them where they were, with their answers. A banner
(ui.widgets.storage_banner) says what is happening; the screens with an on-screen keyboard
have no room for it at 720 pixels and say it in their own message line instead.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QObject
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from kiosk import kept_writes, progress, residents
from kiosk.lessons.schema import Lesson
from kiosk.residents import ResidentInfo
from kiosk.skills import Skill
from kiosk.station import Station
from kiosk.storage_problems import short_wait, storage_problem
from kiosk.text import InvalidInput
from ui.pending_writes import PendingWrites
from ui.screens.consent import ConsentScreen
from ui.screens.identity import Answers, ChooseResidentScreen, CodeScreen, IdentityScreen
from ui.screens.lesson_list import LessonListScreen
from ui.screens.player import PlayerScreen
from ui.screens.result import CompletedScreen, RegisteredScreen
from ui.screens.skills import SkillsScreen
from ui.theme import current_palette, set_role
from ui.widgets.storage_banner import StorageBanner, storage_message

log = logging.getLogger(__name__)

STORAGE_ERRORS = (DBAPIError, PoolTimeout)


def skill_icon(skill: Skill):
    import qtawesome

    palette = current_palette()
    return qtawesome.icon(skill.icon, color=palette.primary,
                          color_disabled=palette.disabled_text)


def keeps_place(handler):
    """For a resident's action that reads or stores at once: when storage fails, the
    resident stays on the screen they are on (the action changes screens only after its
    reads), the banner says why, and touching again tries again."""

    @functools.wraps(handler)
    def guarded(self, *args):
        try:
            result = handler(self, *args)
        except STORAGE_ERRORS as exc:
            if not self.pending.action_failed(exc):
                raise
            self._tell_in_place()
            return None
        self.pending.action_succeeded()
        return result

    return guarded


class KioskFlow(QObject):
    def __init__(self, window, station: Station, speaker=None) -> None:
        super().__init__(window)
        self.window = window
        self.station = station
        self.db = station.db
        self.resident: ResidentInfo | None = None
        self.lesson: Lesson | None = None
        self.pending = PendingWrites(self.db, self,
                                     journal=kept_writes.Journal(station.config.data_dir),
                                     lessons=station.pack.lessons)
        hamlets = residents.list_hamlets(self.db)

        self.consent = ConsentScreen(station.config.commune_name)
        self.register = IdentityScreen(hamlets, register=True)
        self.registered = RegisteredScreen()
        self.code = CodeScreen()
        self.find = IdentityScreen(hamlets, register=False)
        self.choose = ChooseResidentScreen()
        self.skills = SkillsScreen()
        self.skills.set_icons(skill_icon)
        self.lessons = LessonListScreen()
        self.player = PlayerScreen(station.pack.screens, speaker,
                                   auto_read=station.config.auto_read)
        self.completed = CompletedScreen()
        # Owned by the window's stack from the start, so they go when the window goes.
        for screen in (self.consent, self.register, self.registered, self.code, self.find,
                       self.choose, self.skills, self.lessons, self.player, self.completed):
            window.stack.addWidget(screen)
        for screen in (self.consent, self.registered, self.choose, self.skills, self.lessons,
                       self.player, self.completed):  # the ones without a keyboard
            screen.body.insertWidget(0, StorageBanner(self.pending, screen))

        welcome = window.welcome
        welcome.new_resident.connect(self.begin_registration)
        welcome.returning_resident.connect(self.begin_return)
        self.consent.accepted.connect(self._consented)
        self.consent.declined.connect(self.to_welcome)
        self.register.cancelled.connect(lambda: self.show(self.consent))
        self.register.submitted.connect(self._register)
        self.registered.proceed.connect(self.to_skills)
        self.code.cancelled.connect(self.to_welcome)
        self.code.by_name.connect(self._find_by_name)
        self.code.submitted.connect(self._find_code)
        self.find.cancelled.connect(lambda: self.show(self.code))
        self.find.submitted.connect(self._find)
        self.choose.cancelled.connect(self._find_by_name)
        self.choose.chosen.connect(self.sign_in)
        self.choose.register_instead.connect(self.begin_registration)
        self.skills.skill_chosen.connect(self.to_lessons)
        self.skills.resume.connect(self.open_lesson)
        self.skills.leave.connect(self.to_welcome)
        self.lessons.back.connect(self.to_skills)
        self.lessons.lesson_chosen.connect(self.open_lesson)
        self.player.attempted.connect(self._attempted)
        self.player.step_finished.connect(self._step_finished)
        self.player.paused.connect(self._paused)
        self.completed.outcome_answered.connect(self._outcome)
        self.completed.proceed.connect(self._after_completion)
        self.completed.retry.connect(lambda: self.open_lesson(self.lesson))
        self.completed.certificate_wanted.connect(self._request_certificate)
        self._printing = None  # the batch printing a resident's certificate, if any

    def show(self, screen) -> None:
        self.window.show_screen(screen)

    def _tell_in_place(self) -> None:
        """Say why an action waits on a screen that has no room for the banner."""
        if self.pending.notice is None:
            return
        text = storage_message(*self.pending.notice)
        screen = self.window.current_screen()
        if screen is self.code:
            self.code.hint.setText(text)
            set_role(self.code.hint, "notice")
        elif screen in (self.find, self.register):
            screen.pages[screen.current_index()].show_error(text)

    # -- arriving and leaving ------------------------------------------------------------

    def to_welcome(self) -> None:
        """The resident leaves: forget them, and clear every screen that showed them."""
        self.resident = None
        self.lesson = None
        for screen in (self.register, self.find, self.code, self.choose, self.registered,
                       self.skills, self.lessons, self.player, self.completed):
            screen.reset()
        self.pending.resident_left()  # what they did is still stored once storage is back
        self.show(self.window.welcome)

    def begin_registration(self) -> None:
        self.resident = None
        self.show(self.consent)

    def _consented(self) -> None:
        self.register.reset()
        self.show(self.register)

    def _register(self, answers: Answers) -> None:
        try:
            with short_wait(self.db) as quick:
                self.resident = residents.register(
                    quick, full_name=answers.full_name, birth_year=answers.birth_year,
                    hamlet_id=answers.hamlet_id or 0, phone=answers.phone,
                    consent_given=True)
        except InvalidInput as exc:
            self.register.show_error(exc.field, exc.code)
            return
        except STORAGE_ERRORS as exc:
            if not self.pending.action_failed(exc):
                raise
            # The answers stay in the form; the same button sends them again. (The
            # summary page has no keyboard, but the banner is left off the whole form.)
            self.register.summary_page.show_error(
                storage_message(*self.pending.notice) + "\n" + self.tr(
                    "You are not signed up yet. What you typed is kept: touch “Try again”."))
            self.register.next_button.setText(self.tr("Try again"))
            return
        self.pending.action_succeeded()
        self.registered.show_resident(self.resident.full_name, self.resident.code_display)
        self.show(self.registered)

    def begin_return(self) -> None:
        self.code.reset()
        self.show(self.code)

    def _find_by_name(self) -> None:
        self.find.reset()
        self.show(self.find)

    @keeps_place
    def _find_code(self, code: str) -> None:
        found = residents.find_by_code(self.db, code)
        if found is None:
            self.code.show_not_found()
        else:
            self.sign_in(found)

    @keeps_place
    def _find(self, answers: Answers) -> None:
        try:
            matches = residents.find(self.db, full_name=answers.full_name,
                                     birth_year=answers.birth_year,
                                     hamlet_id=answers.hamlet_id or 0)
        except InvalidInput as exc:
            self.find.show_error(exc.field, exc.code)
            return
        if len(matches) == 1:
            self.sign_in(matches[0])
            return
        self.choose.set_matches(matches)
        self.show(self.choose)

    def sign_in(self, resident: ResidentInfo) -> None:
        self.resident = resident
        self.to_skills()

    # -- learning ------------------------------------------------------------------------

    @keeps_place
    def to_skills(self) -> None:
        assert self.resident is not None
        states = self._states()
        summaries = progress.summarise(self.station.lessons_by_skill(), states)
        self.skills.show_resident(self.resident.full_name, self.resident.code_display,
                                  summaries, self._unfinished_lesson(states))
        self.show(self.skills)

    def _unfinished_lesson(self, states: dict[str, progress.LessonState]) -> Lesson | None:
        unfinished = [s for s in states.values() if s.started and not s.completed
                      and s.lesson_id in self.station.pack.lessons]
        if not unfinished:
            return None
        return self.station.pack.lessons[unfinished[0].lesson_id]

    @keeps_place
    def to_lessons(self, skill: Skill) -> None:
        assert self.resident is not None
        states = self._states()
        self.lessons.show_lessons(skill, self.station.lessons(skill), states)
        self.show(self.lessons)

    @keeps_place
    def open_lesson(self, lesson: Lesson) -> None:
        assert self.resident is not None
        states = self._states()
        if not progress.is_open(lesson, self.station.lessons(lesson.skill), states):
            log.warning("final check %s asked for before its lessons", lesson.id)
            return
        self.lesson = lesson
        self.player.start(lesson, self._resume_step(lesson, states))
        self.show(self.player)

    def _states(self) -> dict[str, progress.LessonState]:
        """The resident's lessons as stored, with what is kept for storing on top."""
        return self.pending.project(self.resident.id,
                                    progress.states(self.db, self.resident.id))

    def _resume_step(self, lesson: Lesson, states: dict[str, progress.LessonState]) -> int:
        """Where the lesson starts. The core also makes the lesson's progress row here;
        while writes are kept (or storage refuses the row) the projected state tells
        instead, and finishing the first step makes the row."""
        if not len(self.pending):
            try:
                with short_wait(self.db) as quick:
                    return progress.resume_step(quick, self.resident.id, lesson)
            except STORAGE_ERRORS as exc:
                if storage_problem(exc) is None:
                    raise
        return kept_writes.resume_step(lesson, states.get(lesson.id, progress.NOT_STARTED))

    def _attempted(self, step: int, correct: bool, answer: str, hints: int,
                   seconds: float) -> None:
        self.pending.submit(kept_writes.Answer(self.resident.id, self.lesson, step,
                                                  correct, answer, hints, seconds))

    def _step_finished(self, step: int, first_try) -> None:
        """The resident finished a step: store it (or keep it) and go on, whatever
        storage does."""
        lesson, resident_id = self.lesson, self.resident.id
        self.pending.submit(kept_writes.StepDone(resident_id, lesson, step, first_try))
        if step + 1 < len(lesson.all_steps):
            self.player.advance()
            return
        if lesson.check is not None:
            check = kept_writes.CheckDone(resident_id, lesson, self.player.check_score())
            self.pending.submit(check)
            if not check.passed:
                self.completed.show_not_passed(lesson, check.score)
                self.show(self.completed)
                return
        log.info("lesson %s completed", lesson.id)
        try:
            states = self._states()
        except STORAGE_ERRORS as exc:
            if storage_problem(exc) is None:
                raise
            states = self.pending.project(resident_id, {})  # what this visit did
        summary = progress.summarise(self.station.lessons_by_skill(), states)[lesson.skill]
        skill_lessons = self.station.lessons(lesson.skill)
        final_opened = not lesson.final and any(
            other.final and not states.get(other.id, progress.NOT_STARTED).completed
            and progress.is_open(other, skill_lessons, states) for other in skill_lessons)
        self.completed.show_lesson(lesson, summary.done, final_opened)
        self.show(self.completed)

    def _paused(self) -> None:
        self.to_skills()

    def _outcome(self, answer: str) -> None:
        self.pending.submit(kept_writes.OutcomeGiven(self.resident.id, self.lesson,
                                                        answer))

    def _request_certificate(self) -> None:
        """Issue (or find) the completed skill's certificates and queue them; print at
        once when the settings say so, else staff print them from the queue."""
        from kiosk.certificates import requests
        from kiosk.certificates.issuing import IssueRefused
        from kiosk.certificates.keys import KeyFileError

        config, screen = self.station.config, self.completed
        if self.pending.kept(self.resident.id):
            screen.show_certificate_status(self.tr(
                "The kiosk is still saving your results. Please ask again in a moment."),
                done=False)
            return
        try:
            certificates = requests.certificates_for(
                self.db, self.resident.id, self.lesson.skill, self.station.lessons_by_skill(),
                config, self.station.key)
            job = requests.queue_for_printing(self.db, config, certificates)
        except IssueRefused as exc:
            screen.show_certificate_status(exc.message, done=False)
            return
        except STORAGE_ERRORS as exc:
            if not self.pending.action_failed(exc):
                raise
            screen.show_certificate_status(self.tr(
                "The certificate cannot be prepared just now. Please ask again in a "
                "moment."), done=False)
            return
        except (KeyFileError, OSError, ValueError) as exc:
            log.exception("certificate request failed")
            screen.show_certificate_status(self.tr(
                "The certificate could not be prepared. Please ask a staff member for help.")
                + f" ({exc})", done=False)
            return
        if config.certificate_at_kiosk != "print":
            screen.show_certificate_status(self.tr(
                "Your request is recorded. Commune staff will print your certificate and "
                "hand it to you."), done=True)
            return
        from ui.printing import BatchPrinter

        screen.show_certificate_status(self.tr("Printing your certificate…"), done=True)
        self._printing = BatchPrinter(self.db, [job.id], config.printer_name, self)
        self._printing.finished.connect(self._certificate_printed)
        self._printing.start()

    def _certificate_printed(self, result) -> None:
        self._printing = None
        if result.sent:
            text = self.tr("Your certificate is printed. Please take it from the printer.")
        else:
            text = self.tr("The printer could not print it now. Your certificate is kept; "
                           "commune staff will print it for you.")
        self.completed.show_certificate_status(text, done=True)

    def _after_completion(self) -> None:
        self.to_lessons(self.lesson.skill)

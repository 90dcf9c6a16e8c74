"""The resident's way through the kiosk: which screen follows which, and what is stored.

Screens only show things and emit what the resident did; this controller calls the core
(kiosk.residents, kiosk.progress) and moves to the next screen. It holds the one piece of
session state, the resident at the kiosk, and forgets it when they leave.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from kiosk import progress, residents
from kiosk.lessons.schema import Lesson
from kiosk.residents import ResidentInfo
from kiosk.skills import Skill
from kiosk.station import Station
from kiosk.text import InvalidInput
from ui.screens.consent import ConsentScreen
from ui.screens.identity import Answers, ChooseResidentScreen, CodeScreen, IdentityScreen
from ui.screens.lesson_list import LessonListScreen
from ui.screens.player import PlayerScreen
from ui.screens.result import CompletedScreen, RegisteredScreen
from ui.screens.skills import SkillsScreen
from ui.theme import current_palette

log = logging.getLogger(__name__)


def skill_icon(skill: Skill):
    import qtawesome

    palette = current_palette()
    return qtawesome.icon(skill.icon, color=palette.primary,
                          color_disabled=palette.disabled_text)


class KioskFlow(QObject):
    def __init__(self, window, station: Station, speaker=None) -> None:
        super().__init__(window)
        self.window = window
        self.station = station
        self.db = station.db
        self.resident: ResidentInfo | None = None
        self.lesson: Lesson | None = None
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

    # -- arriving and leaving ------------------------------------------------------------

    def to_welcome(self) -> None:
        """The resident leaves: forget them, and clear every screen that showed them."""
        self.resident = None
        self.lesson = None
        self.register.reset()
        self.find.reset()
        self.code.reset()
        self.show(self.window.welcome)

    def begin_registration(self) -> None:
        self.resident = None
        self.show(self.consent)

    def _consented(self) -> None:
        self.register.reset()
        self.show(self.register)

    def _register(self, answers: Answers) -> None:
        try:
            self.resident = residents.register(
                self.db, full_name=answers.full_name, birth_year=answers.birth_year,
                hamlet_id=answers.hamlet_id or 0, phone=answers.phone, consent_given=True)
        except InvalidInput as exc:
            self.register.show_error(exc.field, exc.code)
            return
        self.registered.show_resident(self.resident.full_name, self.resident.code_display)
        self.show(self.registered)

    def begin_return(self) -> None:
        self.code.reset()
        self.show(self.code)

    def _find_by_name(self) -> None:
        self.find.reset()
        self.show(self.find)

    def _find_code(self, code: str) -> None:
        found = residents.find_by_code(self.db, code)
        if found is None:
            self.code.show_not_found()
        else:
            self.sign_in(found)

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

    def to_skills(self) -> None:
        assert self.resident is not None
        states = progress.states(self.db, self.resident.id)
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

    def to_lessons(self, skill: Skill) -> None:
        assert self.resident is not None
        states = progress.states(self.db, self.resident.id)
        self.lessons.show_lessons(skill, self.station.lessons(skill), states)
        self.show(self.lessons)

    def open_lesson(self, lesson: Lesson) -> None:
        assert self.resident is not None
        states = progress.states(self.db, self.resident.id)
        if not progress.is_open(lesson, self.station.lessons(lesson.skill), states):
            log.warning("final check %s asked for before its lessons", lesson.id)
            return
        self.lesson = lesson
        self.player.start(lesson, progress.resume_step(self.db, self.resident.id, lesson))
        self.show(self.player)

    def _attempted(self, step: int, correct: bool, answer: str, hints: int,
                   seconds: float) -> None:
        progress.record_attempt(self.db, self.resident.id, self.lesson, step, correct=correct,
                                answer=answer, hints_used=hints, seconds=seconds)

    def _step_finished(self, step: int, first_try) -> None:
        lesson = self.lesson
        progress.finish_step(self.db, self.resident.id, lesson, step, first_try)
        if step + 1 < len(lesson.all_steps):
            self.player.advance()
            return
        if lesson.check is not None:
            score = self.player.check_score()
            if not progress.finish_check(self.db, self.resident.id, lesson, score):
                self.completed.show_not_passed(lesson, score)
                self.show(self.completed)
                return
        log.info("lesson %s completed", lesson.id)
        states = progress.states(self.db, self.resident.id)
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
        progress.record_outcome(self.db, self.resident.id, self.lesson, answer)

    def _request_certificate(self) -> None:
        """Issue (or find) the completed skill's certificates and queue them; print at
        once when the settings say so, else staff print them from the queue."""
        from kiosk.certificates import requests
        from kiosk.certificates.issuing import IssueRefused
        from kiosk.certificates.keys import KeyFileError

        config, screen = self.station.config, self.completed
        try:
            certificates = requests.certificates_for(
                self.db, self.resident.id, self.lesson.skill, self.station.lessons_by_skill(),
                config, self.station.key)
            job = requests.queue_for_printing(self.db, config, certificates)
        except IssueRefused as exc:
            screen.show_certificate_status(exc.message, done=False)
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

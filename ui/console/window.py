"""The staff console's frame: a column of pages on the left, the chosen page on the right.

Only the pages the signed-in role may use are listed. A page is built the first time it is
chosen (so signing in is instant) and is told with `refresh()`, when it has one, every
time it is shown again. A page that fails to build says so in its place; the rest of the
console keeps working.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from kiosk.db.models import StaffRole
from kiosk.staff import Permission, audit
from ui.console.context import ConsoleContext
from ui.screens.base import button, label
from ui.theme import set_role
from ui.touch import scroll_area

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConsoleScreen", text)


@dataclass(frozen=True)
class Page:
    key: str
    title: str  # English source, marked for translation; shown through _tr
    permission: Permission
    module: str
    cls: str


PAGES = (
    Page("overview", QT_TRANSLATE_NOOP("ConsoleScreen", "Overview"),
         Permission.VIEW_REPORTS, "ui.console.pages.overview", "OverviewPage"),
    Page("residents", QT_TRANSLATE_NOOP("ConsoleScreen", "Residents"),
         Permission.VIEW_RESIDENTS, "ui.console.pages.residents", "ResidentsPage"),
    Page("certificates", QT_TRANSLATE_NOOP("ConsoleScreen", "Certificates"),
         Permission.VERIFY_CERTIFICATES, "ui.console.pages.certificates", "CertificatesPage"),
    Page("reports", QT_TRANSLATE_NOOP("ConsoleScreen", "Reports"),
         Permission.VIEW_REPORTS, "ui.console.pages.reports", "ReportsPage"),
    Page("sessions", QT_TRANSLATE_NOOP("ConsoleScreen", "Group sessions"),
         Permission.RUN_SESSIONS, "ui.console.pages.sessions", "SessionsPage"),
    Page("settings", QT_TRANSLATE_NOOP("ConsoleScreen", "Settings"),
         Permission.CHANGE_SETTINGS, "ui.console.pages.settings", "SettingsPage"),
    Page("staff", QT_TRANSLATE_NOOP("ConsoleScreen", "Staff"),
         Permission.MANAGE_STAFF, "ui.console.pages.staff", "StaffPage"),
    Page("audit", QT_TRANSLATE_NOOP("ConsoleScreen", "Audit log"),
         Permission.VIEW_AUDIT, "ui.console.pages.audit", "AuditPage"),
    Page("problems", QT_TRANSLATE_NOOP("ConsoleScreen", "Problems"),
         Permission.VIEW_PROBLEMS, "ui.console.pages.problems", "ProblemsPage"),
)
def role_name(role: StaffRole) -> str:
    return {
        StaffRole.ADMIN: QCoreApplication.translate("ConsoleScreen", "Administrator"),
        StaffRole.STAFF: QCoreApplication.translate("ConsoleScreen", "Commune staff"),
        StaffRole.TEAM_MEMBER: QCoreApplication.translate("ConsoleScreen", "Team member"),
    }[role]


# Who may close the kiosk program (the one way out of kiosk mode).
CLOSING_ROLES = frozenset({StaffRole.ADMIN, StaffRole.STAFF})


class ConsoleScreen(QWidget):
    """Signals `closed` when staff sign out; the kiosk then returns to its welcome screen.
    Signals `quit_requested` when admin or commune staff close the kiosk program."""

    closed = Signal()
    quit_requested = Signal()

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = replace(ctx, open_page=self.open_page)
        set_role(self, "console")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        nav = QFrame()
        nav.setObjectName("console_nav")
        set_role(nav, "console-nav")
        column = QVBoxLayout(nav)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(8)
        nav.setMaximumWidth(420)
        column.addWidget(label(ctx.station.config.commune_name, "lead"))
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self.pages = [page for page in PAGES if ctx.can(page.permission)]
        # The page list scrolls rather than growing the window past a 720-pixel screen.
        listed = QWidget()
        items = QVBoxLayout(listed)
        items.setContentsMargins(0, 0, 0, 0)
        items.setSpacing(2)
        for page in self.pages:
            item = button(_tr(page.title), "nav", f"console_nav_{page.key}")
            item.setCheckable(True)
            item.clicked.connect(lambda _=False, key=page.key: self.open_page(key))
            self._group.addButton(item)
            self.buttons[page.key] = item
            items.addWidget(item)
        items.addStretch(1)
        column.addWidget(scroll_area(listed, "console_nav_pages"), 1)
        # Wide enough for the longest page name in bold (the chosen page is bold).
        widest = 0
        for item in self.buttons.values():
            item.ensurePolished()
            bold = QFont(item.font())
            bold.setBold(True)
            widest = max(widest, QFontMetrics(bold).horizontalAdvance(item.text()))
        nav.setMinimumWidth(max(240, widest + 2 * 16 + 2 * 16 + 8))
        who = label(f"{ctx.user.display_name}\n{role_name(ctx.user.role)}", "muted")
        who.setObjectName("console_user")
        column.addWidget(who)
        sign_out = button(self.tr("Sign out"), None, "console_sign_out")
        sign_out.clicked.connect(lambda: self.sign_out())
        column.addWidget(sign_out)
        if ctx.user.role in CLOSING_ROLES:
            close_kiosk = button(self.tr("Close the kiosk"), None, "console_close_kiosk")
            close_kiosk.clicked.connect(self.close_kiosk)
            column.addWidget(close_kiosk)
        outer.addWidget(nav)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.built: dict[str, QWidget] = {}
        if self.pages:
            self.open_page(self.pages[0].key)

    def open_page(self, key: str) -> QWidget | None:
        """Show the page (building it the first time); None if this role may not see it."""
        page = next((p for p in self.pages if p.key == key), None)
        if page is None:
            return None
        widget = self.built.get(key)
        if widget is None:
            widget = self._build(page)
            self.built[key] = widget
            self.stack.addWidget(widget)
        elif hasattr(widget, "refresh"):
            widget.refresh()
        self.buttons[key].setChecked(True)
        self.stack.setCurrentWidget(widget)
        return widget

    def sign_out(self, reason: str | None = None) -> None:
        """`reason` "idle" or "error" when the kiosk signs staff out by itself."""
        detail = {"reason": reason} if reason else {}
        try:
            with self.ctx.db.begin() as session:
                audit(session, self.ctx.user, "login.sign_out", **detail)
        except SQLAlchemyError:
            log.exception("could not record the sign-out")
        self.closed.emit()

    def close_kiosk(self) -> None:
        """Close the kiosk program, after asking: residents cannot use it until it is
        started again."""
        from ui.console.settings_parts import ask

        if not ask(self, self.tr("Close the kiosk?"),
                   self.tr("The kiosk program closes and the computer's desktop shows. "
                           "Residents cannot use the kiosk until it is started again."),
                   self.tr("Close the kiosk")):
            return
        try:
            with self.ctx.db.begin() as session:
                audit(session, self.ctx.user, "station.close")
        except SQLAlchemyError:
            log.exception("could not record closing the kiosk")
        self.quit_requested.emit()

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def _build(self, page: Page) -> QWidget:
        try:
            cls = getattr(importlib.import_module(page.module), page.cls)
            widget = cls(self.ctx)
        except Exception:
            log.exception("console page %s could not be built", page.key)
            broken = QWidget()
            layout = QVBoxLayout(broken)
            layout.addWidget(label(self.tr("This page could not be opened. The error is in "
                                           "the kiosk's log; every other page works."),
                                   "error"))
            layout.addStretch(1)
            return broken
        for table in widget.findChildren(QTableView):
            # Names, places and titles wrap inside their cell; none is cut to "…".
            table.setWordWrap(True)
            table.setTextElideMode(Qt.TextElideMode.ElideNone)
            table.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents)
            # Rows measured before a column took its final width keep a stale height.
            table.horizontalHeader().sectionResized.connect(
                lambda *_, table=table: table.resizeRowsToContents())
        return widget

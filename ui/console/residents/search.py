"""A search box that answers as staff type: a field, a line saying how many were found,
and the table of residents.

Each pause in typing (DEBOUNCE_MS) sends one search off the UI thread (ui.operations);
an answer that comes back after the text has changed again is dropped, so a slow answer
never replaces a newer one. A scanner types a learner code and Enter: with one resident
found, Enter opens them.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk import people
from kiosk.people import ResidentRow, SearchResult
from ui import operations
from ui.console.context import ConsoleContext
from ui.console.residents.model import ResidentsModel
from ui.screens.base import label
from ui.theme import CONSOLE_TOUCH
from ui.touch import touch_scrolling

DEBOUNCE_MS = 150
PAGE = 50
ROW_HEIGHT = CONSOLE_TOUCH + 4


class ResidentSearch(QWidget):
    """`chosen(ResidentRow)` when staff pick a resident; `answered()` after each answer is
    shown."""

    chosen = Signal(object)
    answered = Signal()

    def __init__(self, ctx: ConsoleContext, name: str = "resident_search",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.excluded: set[int] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.field = QLineEdit()
        self.field.setObjectName(f"{name}_field")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(self.tr(
            "Name, birth year, phone, learner code or khóm/ấp, with or without accents"))
        layout.addWidget(self.field)
        self.status = label("", "muted")
        self.status.setObjectName(f"{name}_status")
        layout.addWidget(self.status)
        self.model = ResidentsModel(self)
        self.table = QTableView()
        self.table.setObjectName(f"{name}_results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ResidentsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ResidentsModel.HAMLET, QHeaderView.ResizeMode.Stretch)
        touch_scrolling(self.table)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._ask)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self._enter)
        self._asked: str | None = None  # the text of the newest search sent
        self._shown: str | None = None  # the text whose answer is on screen
        self.last: SearchResult | None = None
        self._open_when_answered = False
        self._show_hint()

    # -- typing and answers ------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def _ask(self) -> None:
        text = self.field.text()
        if text == self._asked:
            return
        self._asked = text
        if not text.strip():
            self._show(text, None)
            return
        db = self.ctx.db
        op = operations.run(lambda _progress: people.search(db, text, limit=PAGE))
        op.succeeded.connect(lambda result, asked=text: self._show(asked, result))
        op.failed.connect(lambda error, asked=text: self._failed(asked, error))

    def search_again(self) -> None:
        """Ask again for the text in the field (after a change to the residents)."""
        self._asked = None
        self._ask()

    def _show(self, asked: str, result: SearchResult | None) -> None:
        if asked != self._asked:
            return  # a newer search is on its way
        self._shown, self.last = asked, result
        open_single, self._open_when_answered = self._open_when_answered, False
        rows = [r for r in result.rows if r.id not in self.excluded] if result else []
        self.model.set_rows(rows)
        if result is None:
            self._show_hint()
        elif not rows:
            self.status.setText(self.tr(
                "Nobody found. Check the spelling, or type fewer words."))
        elif result.more:
            self.status.setText(self.tr(
                "The first %n residents found; type more to narrow the list.", "",
                len(rows)))
        elif len(rows) < result.total:
            self.status.setText(self.tr("%1 residents found; the first %2 are shown.")
                                .replace("%1", str(result.total))
                                .replace("%2", str(len(rows))))
        else:
            self.status.setText(self.tr("%n resident(s) found.", "", len(rows)))
        self.answered.emit()
        if open_single:
            self._open_single()

    def _failed(self, asked: str, error: BaseException) -> None:
        if asked != self._asked:
            return
        self._open_when_answered = False
        self.status.setText(self.tr("The search did not work: %1").replace("%1", str(error)))
        self.answered.emit()

    def _show_hint(self) -> None:
        self.status.setText(self.tr(
            "Type a few letters of the name, without accents if you like: "
            "\"nguyen thi anh\", \"anh 1958\", \"khom 3\"."))

    def _clicked(self, index: QModelIndex) -> None:
        resident = self.model.record(index.row())
        if resident is not None:
            self.chosen.emit(resident)

    def _enter(self) -> None:
        """Enter after a scanned code: open the one resident found (once the answer for
        the text in the field is there)."""
        self._timer.stop()
        if self.field.text() == self._shown:
            self._open_single()
        else:
            self._open_when_answered = True
            self._ask()

    def _open_single(self) -> None:
        if self.model.rowCount() == 1:
            self.chosen.emit(self.model.record(0))

    # -- for the page ------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self.field.setText(text)

    def show_list(self, rows: list[ResidentRow], status: str) -> None:
        """Show residents found some other way (the possible duplicates) until staff type."""
        self._asked = self._shown = ""  # so clearing the field asks for nothing
        self.field.clear()
        self._timer.stop()
        self.model.set_rows(rows)
        self.status.setText(status)
        self.answered.emit()

    def search_now(self, text: str) -> None:
        """Search on the UI thread and show the answer at once (screenshots)."""
        self.field.setText(text)
        self._timer.stop()
        self._asked = text
        self._show(text, people.search(self.ctx.db, text, limit=PAGE))

    def clear(self) -> None:
        self.field.clear()
        self._timer.stop()
        self._asked = self._shown = None
        self.model.set_rows([])
        self._show_hint()

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_row(self) -> ResidentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

"""Editing the khóm/ấp list: the table on the left, the chosen one's form on the right.

Changes go through kiosk.hamlets (checked, audited) one at a time and show at once in the
table and on the registration screen. A khóm/ấp with residents has no "Xoá", only "Ẩn
khỏi đăng ký": its people and figures stay.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk import hamlets
from kiosk.hamlets import HamletError, HamletRow
from kiosk.staff import NotAllowed
from ui.console.context import ConsoleContext
from ui.console.hamlet_model import HamletTableModel, number
from ui.console.settings_parts import ask, explain
from ui.screens.base import button, label
from ui.theme import CONSOLE_TOUCH, set_role
from ui.touch import touch_scrolling


class HamletEditor(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.selected: HamletRow | None = None
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 0)
        outer.setSpacing(20)

        self.model = HamletTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("hamlet_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Long names wrap onto a second line rather than being cut.
        self.table.verticalHeader().setMinimumSectionSize(CONSOLE_TOUCH)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HamletTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        touch_scrolling(self.table)
        outer.addWidget(self.table, 3)

        form = QWidget()
        form.setMinimumWidth(360)
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.heading = label("", "lead")
        self.heading.setObjectName("hamlet_heading")
        column.addWidget(self.heading)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.name = QLineEdit()
        self.name.setObjectName("hamlet_name")
        self.name.setMaxLength(hamlets.MAX_NAME_LENGTH)
        self.population = QLineEdit()
        self.population.setObjectName("hamlet_population")
        self.households = QLineEdit()
        self.households.setObjectName("hamlet_households")
        for edit in (self.population, self.households):
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            # The coverage reports divide by these; unknown is allowed, and said so.
            edit.setPlaceholderText(self.tr("unknown"))
        self.errors = {field: label("", "notice") for field in
                       ("name", "population", "households")}
        for field, error in self.errors.items():
            error.setObjectName(f"hamlet_error_{field}")
            error.hide()
        grid.addWidget(label(self.tr("Name")), 0, 0, 1, 2)
        grid.addWidget(self.name, 1, 0, 1, 2)
        grid.addWidget(self.errors["name"], 2, 0, 1, 2)
        grid.addWidget(label(self.tr("Population")), 3, 0)
        grid.addWidget(label(self.tr("Households")), 3, 1)
        grid.addWidget(self.population, 4, 0)
        grid.addWidget(self.households, 4, 1)
        grid.addWidget(self.errors["population"], 5, 0)
        grid.addWidget(self.errors["households"], 5, 1)
        column.addLayout(grid)

        self.save_button = button("", "primary", "hamlet_save")
        self.save_button.clicked.connect(self.save)
        self.new_button = button(self.tr("New khóm/ấp"), None, "hamlet_new")
        self.new_button.clicked.connect(self.start_new)
        self.up = button(self.tr("Move up"), None, "hamlet_up")
        self.up.clicked.connect(lambda: self.move(-1))
        self.down = button(self.tr("Move down"), None, "hamlet_down")
        self.down.clicked.connect(lambda: self.move(1))
        self.hide_button = button("", None, "hamlet_hide")
        self.hide_button.clicked.connect(self.toggle_active)
        self.delete_button = button(self.tr("Delete"), None, "hamlet_delete")
        self.delete_button.clicked.connect(self.delete)
        for pair in ((self.save_button, self.new_button), (self.up, self.down),
                     (self.hide_button, self.delete_button)):
            # No stretch factors: each button keeps the width of its words, then the rest
            # of the row is shared (a stretch would split it evenly and cut a long word).
            row = QHBoxLayout()
            row.setSpacing(12)
            for item in pair:
                row.addWidget(item)
            column.addLayout(row)
        self.status = label("", "lead")
        self.status.setObjectName("hamlet_status")
        self.status.hide()
        column.addWidget(self.status)
        column.addStretch(1)
        outer.addWidget(form, 2)

        self.name.returnPressed.connect(self.save)
        self.refresh()
        self.start_new()

    # --- list ----------------------------------------------------------------------------

    def refresh(self, select: int | None = None, *, keep_form: bool = False) -> None:
        """Read the list again and select `select` (else the same khóm/ấp as before).
        With `keep_form`, what is typed in the form stays (the page shown again)."""
        keep = select if select is not None else (self.selected.id if self.selected else None)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            self.model.set_rows(hamlets.list_all(self.ctx.db))
            row = self.model.row_of(keep) if keep is not None else None
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()
        self.selected = self.model.rows[row] if row is not None else None
        if not keep_form or (keep is not None and row is None):
            self._show_form()
        else:
            self._show_actions()

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.selected = self.model.rows[rows[0].row()] if rows else None
        self._show_form()
        self.status.hide()

    def start_new(self) -> None:
        self.table.clearSelection()
        self.selected = None
        self._show_form()
        self.status.hide()
        self.name.setFocus()

    def _show_form(self) -> None:
        row = self.selected
        self._clear_errors()
        if row is None:
            self.heading.setText(self.tr("New khóm/ấp"))
            self.name.clear()
            self.population.clear()
            self.households.clear()
            self.save_button.setText(self.tr("Add"))
        else:
            self.heading.setText(self.tr("Edit: %1").replace("%1", row.name))
            self.name.setText(row.name)
            self.population.setText(number(row.population))
            self.households.setText(number(row.households))
            self.save_button.setText(self.tr("Save"))
        self._show_actions()

    def _show_actions(self) -> None:
        """The buttons that fit the chosen khóm/ấp and its place in the list."""
        row = self.selected
        editing = row is not None
        index = self.model.row_of(row.id) if row else None
        self.up.setEnabled(editing and index != 0)
        self.down.setEnabled(editing and index != len(self.model.rows) - 1)
        self.hide_button.setEnabled(editing)
        self.hide_button.setText(self.tr("Show in registration") if row and not row.active
                                 else self.tr("Hide from registration"))
        self.delete_button.setEnabled(editing and row.deletable)
        self.delete_button.setToolTip("" if not row or row.deletable else self.tr(
            "It has residents: hide it instead."))

    # --- changes --------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()

    def _say(self, text: str, role: str = "lead") -> None:
        set_role(self.status, role)
        self.status.setText(text)
        self.status.show()

    def _attempt(self, change: Callable[[], object], done: str, select: int | None = None,
                 *, select_result: bool = False) -> bool:
        """Run one change (then select `select`, or what the change returned); show its
        refusal beside the field it is about."""
        self._clear_errors()
        try:
            result = change()
        except HamletError as exc:
            if exc.field in self.errors:
                self.errors[exc.field].setText(exc.message)
                self.errors[exc.field].show()
                self.status.hide()
            else:
                self._say(exc.message, "error")
            return False
        except NotAllowed as exc:
            self._say(str(exc), "error")
            return False
        except Exception as exc:  # the database refused: say so, keep what was typed
            self._say(explain(exc), "error")
            return False
        self.refresh(select=result if select_result else select)
        self._say(done)
        return True

    def save(self) -> None:
        db, actor = self.ctx.db, self.ctx.user
        name, population, households = (self.name.text(), self.population.text(),
                                        self.households.text())
        if self.selected is None:
            self._attempt(lambda: hamlets.add(db, actor, name, population, households).id,
                          self.tr("Added. It is offered at registration now."),
                          select_result=True)
            return
        hamlet_id = self.selected.id
        self._attempt(lambda: hamlets.update(db, actor, hamlet_id, name=name,
                                             population=population, households=households),
                      self.tr("Saved."), select=hamlet_id)

    def move(self, offset: int) -> None:
        if self.selected is not None:
            hamlet_id = self.selected.id
            self._attempt(lambda: hamlets.move(self.ctx.db, self.ctx.user, hamlet_id, offset),
                          self.tr("Moved. Registration lists it in this order."),
                          select=hamlet_id)

    def toggle_active(self) -> None:
        row = self.selected
        if row is None:
            return
        done = self.tr("Shown at registration again.") if not row.active else self.tr(
            "Hidden from registration. Its residents and figures stay.")
        self._attempt(lambda: hamlets.set_active(self.ctx.db, self.ctx.user, row.id,
                                                 not row.active), done, select=row.id)

    def delete(self) -> None:
        row = self.selected
        if row is None or not ask(self, self.tr("Delete khóm/ấp"), self.tr(
                "Delete “%1” from the list? Nobody is registered in it.").replace(
                "%1", row.name), self.tr("Delete")):
            return
        if self._attempt(lambda: hamlets.delete(self.ctx.db, self.ctx.user, row.id),
                         self.tr("Deleted.")):
            self.start_new()
            self._say(self.tr("Deleted."))

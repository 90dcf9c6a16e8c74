"""The certificates waiting to be printed at this kiosk, printed in one batch or one by one.

A batch runs off the UI thread (ui.printing.BatchPrinter) with a progress bar (pages) and a
stop button; a job the printer could not take stays in the list with the reason, to print
again. A job that failed (a crash mid-print, a broken file) is put back in the queue when
staff print it again, alone or with "Print all": staff see it listed with its reason and
decide. With no printer at hand, the chosen job is saved as a PDF file instead (a USB
stick, to print elsewhere) and leaves the queue.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QListView, QProgressBar, QWidget

from kiosk import printing
from kiosk.printing import PrintJobStatus
from ui.console.certificates.models import JobsModel, TouchRows
from ui.console.certificates.section import Section
from ui.console.context import ConsoleContext
from ui.screens.base import button, label
from ui.touch import touch_scrolling

WAITING = (PrintJobStatus.QUEUED, PrintJobStatus.FAILED)


class PrintQueuePanel(Section):
    counted = Signal(int)  # jobs waiting, after each look at the queue

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.batch = None
        self.summary = label("", "lead")
        self.summary.setObjectName("queue_summary")
        self.layout_.addWidget(self.summary)
        self.model = JobsModel(self)
        self.list = QListView()
        self.list.setObjectName("queue_list")
        self.list.setModel(self.model)
        self.list.setItemDelegate(TouchRows(self.list))
        self.list.setWordWrap(True)
        self.list.setSpacing(8)
        self.list.setUniformItemSizes(False)
        touch_scrolling(self.list)
        self.list.selectionModel().currentChanged.connect(lambda *_: self.changed())
        self.layout_.addWidget(self.list, 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("queue_progress")
        self.progress.hide()
        self.layout_.addWidget(self.progress)
        row = QHBoxLayout()
        row.setSpacing(16)
        # No printer at hand: the chosen certificate goes to a file (a USB stick) instead.
        self.save_button = button(self.tr("Save as PDF…"), None, "queue_save")
        self.save_button.clicked.connect(self.save_chosen)
        self.print_one_button = button(self.tr("Print the chosen one"), None,
                                       "queue_print_one")
        self.print_one_button.clicked.connect(self.print_chosen)
        self.stop_button = button(self.tr("Stop printing"), None, "queue_stop")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.print_button = button(self.tr("Print all"), "primary", "queue_print")
        self.print_button.clicked.connect(self.print_all)
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(self.stop_button)
        row.addWidget(self.print_one_button)
        row.addWidget(self.print_button)
        self.layout_.addLayout(row)
        self.refresh()

    # --- the list ------------------------------------------------------------------------

    def jobs(self) -> list[printing.JobInfo]:
        return printing.list_jobs(self.ctx.db, WAITING)

    def refresh(self) -> None:
        chosen = self.chosen()
        jobs = self.jobs()
        self.model.set_jobs(jobs)
        if chosen is not None:
            self.select_job(chosen.id)
        self.summary.setText(self.tr("%n certificate print job(s) waiting.", "", len(jobs))
                             if jobs else self.tr("Nothing is waiting to be printed."))
        self.changed()
        self.counted.emit(len(jobs))

    def chosen(self) -> printing.JobInfo | None:
        index = self.list.currentIndex()
        return self.model.job(index.row()) if index.isValid() else None

    def select_job(self, job_id: int) -> bool:
        row = self.model.row_of(job_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        return True

    def changed(self) -> None:
        idle = self.batch is None
        chosen = self.chosen() is not None
        self.print_button.setEnabled(self.model.rowCount() > 0 and idle)
        self.print_one_button.setEnabled(chosen and idle)
        self.save_button.setEnabled(chosen and idle)

    # --- saving instead of printing --------------------------------------------------------

    def save_chosen(self) -> None:
        """Save the chosen job's PDF where staff say; it then leaves the queue."""
        from PySide6.QtWidgets import QFileDialog

        job = self.chosen()
        if job is None or self.batch is not None:
            return
        job = printing.get(self.ctx.db, job.id)
        if job is None:
            return self.refresh()
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the certificate as a PDF file"),
            str(Path.home() / f"{job.label or 'chung-nhan'}.pdf"), "PDF (*.pdf)")
        if not target:
            return
        try:
            saved = printing.save_copy(self.ctx.db, job.id, target)
        except (LookupError, OSError) as exc:
            self.summary.setText(self.tr("Could not save the file: %1").replace(
                "%1", str(exc)))
            return
        self.refresh()
        self.summary.setText(self.tr("Saved to %1").replace("%1", str(saved)))

    # --- printing --------------------------------------------------------------------------

    def print_all(self) -> None:
        self._print([job.id for job in self.jobs()])

    def print_chosen(self) -> None:
        job = self.chosen()
        if job is not None:
            self._print([job.id])

    def _print(self, ids: list[int]) -> None:
        from ui.printing import BatchPrinter

        if self.batch is not None or not ids:
            return
        for job_id in ids:
            job = printing.get(self.ctx.db, job_id)
            if job is not None and job.status is PrintJobStatus.FAILED:
                printing.retry(self.ctx.db, job_id)  # staff chose to try it again
        self.batch = BatchPrinter(self.ctx.db, ids, self.ctx.station.config.printer_name,
                                  self)
        self.batch.progress.connect(self._progress)
        self.batch.finished.connect(self._finished)
        self.progress.setRange(0, 0)  # busy until the page count is known
        self.progress.show()
        self.stop_button.show()
        self.stop_button.setEnabled(True)
        self.changed()
        self.summary.setText(self.tr("Printing…"))
        self.batch.start()

    def stop(self) -> None:
        if self.batch is not None:
            self.batch.cancel()
            self.stop_button.setEnabled(False)
            self.summary.setText(self.tr("Stopping after the certificate being printed…"))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, result) -> None:
        self.batch = None
        self.stop_button.hide()
        self.progress.hide()
        self.refresh()
        sent = len(result.sent)
        left = self.model.rowCount()
        text = self.tr("%n print job(s) sent to the printer.", "", sent)
        if left:
            text += " " + self.tr("%n still waiting: see the reasons above.", "", left)
        self.summary.setText(text)

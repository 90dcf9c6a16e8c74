"""For staff: the certificates waiting to be printed at this kiosk, printed in one batch.

The batch runs off the UI thread with a progress bar (pages) and a stop button; a job the
printer could not take stays in the list with the reason, to print again. Jobs that
failed (a crash mid-print, a broken file) are put back in the queue by "Print all" too:
staff see them listed first and decide.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QProgressBar, QWidget

from kiosk import printing
from kiosk.printing import PrintJobStatus
from kiosk.residents import Db
from ui.screens.base import Screen, button, label

WAITING = (PrintJobStatus.QUEUED, PrintJobStatus.FAILED)


class PrintQueueScreen(Screen):
    closed = Signal()

    def __init__(self, db: Db, printer_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.printer_name = printer_name
        self.batch = None
        self.top.addWidget(label(self.tr("Certificates waiting to be printed"), "title"), 1)
        self.summary = label("", "lead")
        self.summary.setObjectName("queue_summary")
        self.body.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setObjectName("queue_list")
        self.list.setWordWrap(True)
        self.list.setSpacing(8)
        self.body.addWidget(self.list, 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("queue_progress")
        self.progress.hide()
        self.body.addWidget(self.progress)
        self.close_button = button(self.tr("Close"), None, "queue_close")
        self.close_button.clicked.connect(self.closed)
        self.stop_button = button(self.tr("Stop printing"), None, "queue_stop")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.print_button = button(self.tr("Print all"), "primary", "queue_print")
        self.print_button.clicked.connect(self.print_all)
        # No printer at hand: the chosen certificate goes to a file (a USB stick) instead.
        self.save_button = button(self.tr("Save as PDF…"), None, "queue_save")
        self.save_button.clicked.connect(self.save_chosen)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.footer.addWidget(self.close_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.save_button)
        self.footer.addWidget(self.stop_button)
        self.footer.addWidget(self.print_button)
        self.refresh()

    def jobs(self) -> list[printing.JobInfo]:
        return printing.list_jobs(self.db, WAITING)

    def refresh(self) -> None:
        jobs = self.jobs()
        self.list.clear()
        for job in jobs:
            when = job.created_at.astimezone()  # stored in UTC, shown in the kiosk's time
            text = f"{job.label or job.pdf_path.name}  ·  {when:%d/%m/%Y %H:%M}"
            if job.status is PrintJobStatus.FAILED:
                text += "\n" + self.tr("Not printed: %1").replace("%1", job.last_error or "")
            elif job.last_error:
                text += "\n" + self.tr("Waiting: %1").replace("%1", job.last_error)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, job.id)
            self.list.addItem(item)
        self.summary.setText(self.tr("%n certificate print job(s) waiting.", "", len(jobs))
                             if jobs else self.tr("Nothing is waiting to be printed."))
        self._enable()

    def _enable(self) -> None:
        idle = self.batch is None
        self.print_button.setEnabled(self.list.count() > 0 and idle)
        self.save_button.setEnabled(self.list.currentItem() is not None and idle)

    def save_chosen(self) -> None:
        """Save the chosen job's PDF where staff say; it then leaves the queue."""
        from PySide6.QtWidgets import QFileDialog

        item = self.list.currentItem()
        if item is None or self.batch is not None:
            return
        job = printing.get(self.db, item.data(Qt.ItemDataRole.UserRole))
        if job is None:
            return self.refresh()
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the certificate as a PDF file"),
            str(Path.home() / f"{job.label or 'chung-nhan'}.pdf"), "PDF (*.pdf)")
        if not target:
            return
        try:
            saved = printing.save_copy(self.db, job.id, target)
        except (LookupError, OSError) as exc:
            self.summary.setText(self.tr("Could not save the file: %1").replace(
                "%1", str(exc)))
            return
        self.refresh()
        self.summary.setText(self.tr("Saved to %1").replace("%1", str(saved)))

    def print_all(self) -> None:
        from ui.printing import BatchPrinter

        if self.batch is not None:
            return
        ids = []
        for job in self.jobs():
            if job.status is PrintJobStatus.FAILED:
                printing.retry(self.db, job.id)
            ids.append(job.id)
        if not ids:
            return
        self.batch = BatchPrinter(self.db, ids, self.printer_name, self)
        self.batch.progress.connect(self._progress)
        self.batch.finished.connect(self._finished)
        self.progress.setRange(0, 0)  # busy until the page count is known
        self.progress.show()
        self.stop_button.show()
        self.stop_button.setEnabled(True)
        self._enable()
        self.close_button.setEnabled(False)  # the batch must end before the screen goes
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
        self.close_button.setEnabled(True)
        self.refresh()
        sent = len(result.sent)
        left = len(self.jobs())
        text = self.tr("%n print job(s) sent to the printer.", "", sent)
        if left:
            text += " " + self.tr("%n still waiting: see the reasons above.", "", left)
        self.summary.setText(text)

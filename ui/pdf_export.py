"""Export the session summary PDF without freezing the console.

Everything the PDF shows is read on the UI thread (quick, and the database connection stays on
one thread); only the slow part, laying out and writing the PDF, runs on a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from facilitator.errors import FacilitatorError
from facilitator.pdf import summary_data
from facilitator.pdf.renderer import render_summary
from facilitator.storage.partnership_file import PartnershipFile


class _RenderWorker(QObject):
    progressed = Signal(float)
    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, summary, out_path: Path, paper: str):
        super().__init__()
        self._summary = summary
        self._out = out_path
        self._paper = paper

    def run(self) -> None:
        try:
            path = render_summary(self._summary, self._out, paper=self._paper, progress=self.progressed.emit)
        except FacilitatorError as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - an export must never take the console down
            self.failed.emit(f"The summary could not be made ({type(error).__name__}: {error}).")
        else:
            self.finished.emit(str(path))


class PdfExport(QObject):
    """One export: `start()`, then `progressed(fraction)` and either `finished(path)` or `failed(message)`."""

    progressed = Signal(float)
    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, pf: PartnershipFile, session_id: int, out_path: Path, *, paper: str = "a4", parent=None):
        super().__init__(parent)
        self._pf = pf
        self._session_id = session_id
        self._out = Path(out_path)
        self._paper = paper
        self._thread: QThread | None = None
        self._worker: _RenderWorker | None = None

    def start(self) -> bool:
        try:
            summary = summary_data.gather(self._pf, self._session_id)
        except FacilitatorError as error:
            self.failed.emit(str(error))
            return False
        self._thread = QThread()
        self._worker = _RenderWorker(summary, self._out, self._paper)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._fail)
        self._thread.start()
        return True

    def _done(self, path: str) -> None:
        self._stop()
        self.finished.emit(path)

    def _fail(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None

    def wait(self) -> None:
        """Let a running export finish (quitting mid-export must not destroy a running thread)."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    @property
    def running(self) -> bool:
        return self._thread is not None

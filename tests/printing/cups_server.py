"""A private CUPS server with cups-pdf queues, for tests that print for real.

The server has its own configuration, spool, state and logs in a folder of its own and
listens only on a Unix socket there: the system's CUPS (if any) and its printers are never
touched. Clients reach it through the CUPS_SERVER environment variable.

cups-pdf is the one part that cannot be made fully private: it reads its settings from
/etc/cups/cups-pdf-<name>.conf, where <name> comes from the queue's device URI. Each
queue gets such a file with a unique name (it points the output into the private folder)
and the file is removed when the server stops. cups-pdf also insists on running as root,
so these tests need root, as `.ci/run` has.

Every wait has a deadline; whatever goes wrong raises CupsError with the end of the
server's error log, so a failing test says why.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

CUPSD = "/usr/sbin/cupsd"
SERVER_BIN = Path("/usr/lib/cups")
DATA_DIR = Path("/usr/share/cups")
CUPS_PDF_BACKEND = SERVER_BIN / "backend" / "cups-pdf"
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONFIG_DIR = Path("/etc/cups")
CLIENT_TOOLS = ("lpadmin", "lpstat", "cupsenable", "cupsdisable", "cupsaccept", "cupsreject",
                "cancel")
PACKAGES = "cups cups-bsd printer-driver-cups-pdf"
COMMAND_TIMEOUT = 20


class CupsError(RuntimeError):
    pass


def _die_with_parent() -> None:
    """In the child: end cupsd when the test process ends, even when it is killed."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def remove_stale_files() -> list[Path]:
    """What test runs killed before they could clean up left behind: cups-pdf settings in
    /etc/cups and server folders in /tmp (their cupsd ended with them, see start())."""
    removed = []
    stale = [*CUPS_PDF_CONFIG_DIR.glob("cups-pdf-kiosk-test-*.conf"),
             *Path("/tmp").glob("kiosk-cups-*")]
    for path in stale:
        match = re.match(r"(?:cups-pdf-kiosk-test|kiosk-cups)-(\d+)", path.name)
        if match and not Path(f"/proc/{match.group(1)}").exists():
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def missing_requirements() -> list[str]:
    """What this machine lacks to run the private server; empty when all is there."""
    problems = []
    if os.geteuid() != 0:
        problems.append("cups-pdf only runs as root: run the tests as root (as .ci/run does)")
    for path in (Path(CUPSD), CUPS_PDF_BACKEND, CUPS_PDF_PPD):
        if not path.exists():
            problems.append(f"{path} is missing")
    problems += [f"{tool} is missing" for tool in CLIENT_TOOLS if not shutil.which(tool)]
    if problems:
        problems.append(f"install with: packaging/debian-deps.sh test (Debian: {PACKAGES})")
    return problems


def wait_until(condition: Callable[[], object], timeout: float, what: str,
               interval: float = 0.1) -> object:
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise CupsError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


@dataclass
class Queue:
    name: str
    output: Path  # where cups-pdf writes what this queue printed
    config: Path  # /etc/cups/cups-pdf-<tag>.conf

    def outputs(self) -> list[Path]:
        return sorted(p for p in self.output.glob("*.pdf") if p.is_file())


@dataclass
class PrivateCups:
    root: Path
    process: subprocess.Popen | None = None
    queues: dict[str, Queue] = field(default_factory=dict)
    _numbers: Iterator[int] = field(default_factory=itertools.count)

    @property
    def socket(self) -> Path:
        return self.root / "cups.sock"

    @property
    def error_log(self) -> Path:
        return self.root / "log" / "error_log"

    @classmethod
    def create(cls, root: Path | None = None) -> PrivateCups:
        # Not under pytest's tmp_path: filters run as the `lp` user and must reach the spool,
        # and a Unix socket path must stay under 108 bytes.
        if root is None:
            root = Path(tempfile.mkdtemp(prefix="kiosk-cups-", dir="/tmp"))
        else:
            shutil.rmtree(root, ignore_errors=True)  # left by an earlier run with this pid
            root.mkdir(parents=True)
        root.chmod(0o755)
        return cls(root)

    # --- the server ------------------------------------------------------------------------

    def start(self, timeout: float = 20) -> None:
        remove_stale_files()
        for name in ("etc", "spool", "tmp", "cache", "state", "log"):
            (self.root / name).mkdir(exist_ok=True)
        # Filters (as `lp`) write their temporary files here, as in /var/spool/cups/tmp.
        shutil.chown(self.root / "tmp", "root", "lp")
        (self.root / "tmp").chmod(0o1770)
        etc = self.root / "etc"
        (etc / "cups-files.conf").write_text(
            f"ServerRoot {etc}\nRequestRoot {self.root / 'spool'}\n"
            f"TempDir {self.root / 'tmp'}\nCacheDir {self.root / 'cache'}\n"
            f"StateDir {self.root / 'state'}\nErrorLog {self.error_log}\n"
            f"AccessLog {self.root / 'log' / 'access_log'}\n"
            f"PageLog {self.root / 'log' / 'page_log'}\n"
            f"ServerBin {SERVER_BIN}\nDataDir {DATA_DIR}\n"
            "SystemGroup root\nFatalErrors config\nPrintcap\n", encoding="utf-8")
        # Only a Unix socket: nothing on the network, and peer credentials stand in for
        # authentication, so lpadmin & co. need no password. Jobs stay listed when done.
        (etc / "cupsd.conf").write_text(
            f"LogLevel debug\nListen {self.socket}\nBrowsing No\nWebInterface No\n"
            "PreserveJobHistory Yes\nPreserveJobFiles No\nMaxJobs 0\n"
            "DefaultPolicy open\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy open>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
            encoding="utf-8")
        log = open(self.root / "log" / "cupsd.out", "wb")  # noqa: SIM115 (kept for the child)
        self.process = subprocess.Popen(
            [CUPSD, "-f", "-c", str(etc / "cupsd.conf"), "-s", str(etc / "cups-files.conf")],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.root,
            start_new_session=True, preexec_fn=_die_with_parent)
        log.close()
        try:
            wait_until(lambda: self.process.poll() is not None or self._answers(), timeout,
                       "the private cupsd to answer")
        except CupsError as exc:
            raise CupsError(f"{exc}\n{self.log_tail()}") from None
        if self.process.poll() is not None:
            raise CupsError(f"cupsd exited at start with status {self.process.returncode}\n"
                            + self.log_tail())

    def _answers(self) -> bool:
        if not self.socket.exists():
            return False
        done = subprocess.run(["lpstat", "-r"], env=self.env(), capture_output=True,
                              text=True, timeout=COMMAND_TIMEOUT)
        return "is running" in done.stdout

    def stop(self) -> None:
        for queue in list(self.queues.values()):
            queue.config.unlink(missing_ok=True)
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PRINTER", "LPDEST")}
        env["CUPS_SERVER"] = str(self.socket)
        return env

    def log_tail(self, lines: int = 40) -> str:
        texts = []
        for log in (self.root / "log" / "cupsd.out", self.error_log):
            if log.exists():
                tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
                texts.append(f"--- {log}\n" + "\n".join(tail))
        return "\n".join(texts) or f"(no log in {self.root / 'log'})"

    def run(self, *command: str) -> str:
        """A CUPS command-line tool against this server; raises CupsError when it fails."""
        try:
            done = subprocess.run(command, env=self.env(), capture_output=True, text=True,
                                  timeout=COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise CupsError(f"{' '.join(command)} did not finish in {COMMAND_TIMEOUT} s\n"
                            + self.log_tail()) from None
        if done.returncode != 0:
            raise CupsError(f"{' '.join(command)} failed ({done.returncode}): "
                            f"{done.stderr.strip()}\n{self.log_tail()}")
        return done.stdout

    # --- queues ----------------------------------------------------------------------------

    def add_pdf_queue(self, name: str, *, default: bool = False) -> Queue:
        """A cups-pdf printer whose output lands in a folder of its own."""
        tag = f"kiosk-test-{os.getpid()}-{next(self._numbers)}-{name}"
        output = self.root / "out" / name
        output.mkdir(parents=True, exist_ok=True)
        spool = self.root / "cups-pdf-spool" / name
        spool.mkdir(parents=True, exist_ok=True)
        config = CUPS_PDF_CONFIG_DIR / f"cups-pdf-{tag}.conf"
        config.write_text(
            f"# Written by the kiosk's tests ({self.root}); removed when they end.\n"
            f"Out {output}\nAnonDirName {output}\nSpool {spool}\n"
            f"Log {self.root / 'log'}\nLogType 3\nGrp root\nLabel 2\n", encoding="utf-8")
        queue = Queue(name, output, config)
        self.queues[name] = queue
        self.run("lpadmin", "-p", name, "-v", f"cups-pdf:/{tag}", "-P", str(CUPS_PDF_PPD),
                 "-o", "printer-error-policy=abort-job", "-E")
        if default:
            self.run("lpadmin", "-d", name)
        return queue

    def delete_queue(self, name: str) -> None:
        self.run("lpadmin", "-x", name)
        queue = self.queues.pop(name, None)
        if queue:
            queue.config.unlink(missing_ok=True)

    def disable(self, name: str) -> None:
        self.run("cupsdisable", name)

    def enable(self, name: str) -> None:
        self.run("cupsenable", name)

    def reject(self, name: str) -> None:
        self.run("cupsreject", name)

    def accept(self, name: str) -> None:
        self.run("cupsaccept", name)

    def jobs(self, name: str, which: str = "not-completed") -> list[str]:
        """Job ids of a queue: "not-completed" (waiting or printing), "completed" or "all"."""
        out = self.run("lpstat", "-W", which, "-o", name)
        return [line.split()[0] for line in out.splitlines() if line.strip()]

    def wait_for_outputs(self, queue: Queue, count: int, timeout: float = 60) -> list[Path]:
        """Wait until cups-pdf has written `count` finished files for this queue."""

        def finished() -> list[Path] | None:
            files = queue.outputs()
            # cups-pdf writes through Ghostscript and then sets the mode: wait for the jobs
            # to leave the queue too, so no file is caught half written.
            if len(files) >= count and not self.jobs(queue.name):
                return files
            return None

        try:
            return wait_until(finished, timeout, f"{count} file(s) from queue {queue.name}",
                              interval=0.25)
        except CupsError as exc:
            raise CupsError(f"{exc}; found {len(queue.outputs())}, still queued: "
                            f"{self.jobs(queue.name)}\n{self.log_tail()}") from None

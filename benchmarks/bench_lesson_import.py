"""Checking a lesson pack staff import (Settings › Gói bài học): the bundled lessons as a
.zip, unpacked safely into a private folder and validated (kiosk.lesson_import.stage).

The baseline validates the same pack in place (kiosk.lessons.loader.load_pack), so the
ratio shows what unpacking and the zip checks add. No issue sets a target.
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks.registry import Options, Row, Sample, register

FIGURE = "check a lesson pack .zip before import"


@register("lesson-import", "unpacking and checking the bundled lessons as a .zip")
def lesson_import(options: Options) -> list[Row]:
    from kiosk import lesson_import as importing
    from kiosk import paths
    from kiosk.lessons.loader import load_pack

    root = paths.BUNDLED_LESSONS
    subject, baseline = Sample("kiosk"), Sample("load_pack in place")
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-import-") as tmp:
        archive = Path(tmp) / "lessons.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    zf.write(path, "lessons/" + path.relative_to(root).as_posix())
        zipped = archive.stat().st_size // 1024
        staged = None
        for round_ in range(options.warmup + options.repeat):
            start = time.perf_counter()
            staged = importing.stage(archive, Path(tmp) / "data")
            took = time.perf_counter() - start
            importing.discard(staged)
            start = time.perf_counter()
            load_pack(root)
            plain = time.perf_counter() - start
            if round_ >= options.warmup:
                subject.seconds.append(took)
                baseline.seconds.append(plain)
    if staged is None or not staged.clean:
        return [Row(FIGURE, subject, baseline, error="the bundled pack did not check clean")]
    return [Row(f"{FIGURE} ({staged.files} files, {staged.lesson_count} lessons, "
                f"{zipped} kB zipped)", subject, baseline)]

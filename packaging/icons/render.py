"""Render tram-ky-nang-so.svg to the PNG sizes desktops use and to a Windows .ico.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons/render.py

The PNG and .ico files are committed, so building the bundle needs none of this.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
NAME = "tram-ky-nang-so"
PNG_SIZES = (256, 128, 64, 48, 32)
ICO_SIZES = (256, 128, 64, 48, 32, 16)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / f"{NAME}.svg"))
    if not renderer.isValid():
        print(f"cannot read {NAME}.svg", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        render(renderer, size).save(str(HERE / f"{NAME}-{size}.png"))
    big = HERE / f"{NAME}-256.png"
    Image.open(big).save(HERE / f"{NAME}.ico", sizes=[(s, s) for s in ICO_SIZES])
    print(f"wrote {len(PNG_SIZES)} PNG files and {NAME}.ico in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

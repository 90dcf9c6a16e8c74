"""Bar charts for the console (QtCharts): coverage by skill or by khóm/ấp, at a glance.

A chart draws its text itself, outside the style sheet, so it takes its font from the view
once the style sheet has polished it, and its colours from the theme's palette: a change
of text size or contrast reaches the charts too. Bars carry their value as a label, whole
numbers (a share as "45%"), because the exact figures are one tap away in the table.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QWidget

from ui.theme import current_palette


class BarChart(QChartView):
    """One series of bars; `horizontal` for many or long labels (khóm/ấp names)."""

    def __init__(self, horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The page shows through: the chart has no background of its own.
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(Qt.BrushStyle.NoBrush)
        self.viewport().setAutoFillBackground(False)
        self.setMinimumHeight(160)
        self.points: list[tuple[str, float]] = []
        self.setChart(self._empty())

    def _empty(self) -> QChart:
        chart = QChart()
        chart.legend().hide()
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        return chart

    def show_points(self, points: list[tuple[str, float]], *, percent: bool = False,
                    title: str = "") -> None:
        """Draw one bar per (label, value); an empty list leaves an empty chart."""
        self.points = list(points)
        self.ensurePolished()
        font = self.font()
        # Axis names a little smaller than the page's text, so that twelve khóm/ấp or five
        # skill names fit without QtCharts hiding every other one.
        small = type(font)(font)
        if font.pixelSize() > 0:
            small.setPixelSize(max(10, round(font.pixelSize() * 0.8)))
        else:
            small.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        palette = current_palette()
        ink = QColor(palette.text)
        chart = self._empty()
        if title:
            chart.setTitle(title)
            title_font = type(font)(font)
            title_font.setBold(True)
            chart.setTitleFont(title_font)
            chart.setTitleBrush(ink)
        if points:
            labels = [label for label, _ in points]
            # The first row at the top: a horizontal chart draws its first category lowest.
            if self.horizontal:
                points = points[::-1]
                labels = labels[::-1]
            bars = QBarSet("")
            bars.setColor(QColor(palette.primary))
            bars.setBorderColor(QColor(palette.primary))
            bars.setLabelColor(ink)
            bars.setLabelFont(small)
            for _, value in points:
                bars.append(round(value))
            series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
            series.append(bars)
            series.setBarWidth(0.7)
            series.setLabelsVisible(True)
            series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
            series.setLabelsFormat("@value%" if percent else "@value")
            series.setLabelsPrecision(12)
            chart.addSeries(series)
            categories = QBarCategoryAxis()
            # Names are never cut to "Khó..."; under upright bars they wrap instead.
            categories.setTruncateLabels(False)
            categories.append(labels if self.horizontal
                              else [textwrap.fill(t, 8, break_long_words=False).replace(
                                  "\n", "<br>") for t in labels])
            values = QValueAxis()
            top = max((value for _, value in points), default=0)
            values.setRange(0, 100 if percent and top <= 100 else max(1.0, top * 1.18))
            values.setLabelFormat("%d")
            values.setTickCount(5)
            for axis in (categories, values):
                axis.setLabelsFont(small)
                axis.setLabelsColor(ink)
                axis.setGridLineVisible(axis is values)
            values.setLabelsVisible(False)  # each bar says its value
            category_side, value_side = ((Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
                                         if self.horizontal else
                                         (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft))
            chart.addAxis(categories, category_side)
            chart.addAxis(values, value_side)
            series.attachAxis(categories)
            series.attachAxis(values)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

"""Colours, text sizes and the one style sheet every screen shares.

Widgets say what they are with a `role` property (title, lead, primary, tile...) and the
style sheet decides how that looks, so a text-size or contrast change applies everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

# Base text size in pixels for each `text_size` setting. "normal" is already large: the
# residents are often past 60 and read at arm's length.
TEXT_SIZES = {"normal": 24, "large": 28, "huge": 34}
# No touch target is smaller than this (pixels).
MIN_TOUCH = 64
# On-screen keyboard keys: six rows of them must leave room for the question at 720 px.
KEY_TOUCH = 56
# The staff console shows tables and forms: smaller text, still finger-sized targets.
CONSOLE_TOUCH = 48
FONT_FAMILY = "Noto Sans"


@dataclass(frozen=True)
class Palette:
    background: str = "#F4F7F6"
    surface: str = "#FFFFFF"
    text: str = "#1B2A2F"
    muted: str = "#44565C"
    primary: str = "#0B6E4F"
    primary_text: str = "#FFFFFF"
    primary_pressed: str = "#08573E"
    secondary: str = "#E3EEEA"
    accent: str = "#C0392B"
    right: str = "#1E7B34"
    right_bg: str = "#E2F4E5"
    wrong: str = "#A8321F"
    wrong_bg: str = "#FBE7E3"
    border: str = "#9DB3AC"
    focus_ring: str = "#1565C0"
    highlight: str = "#F2A900"  # a latched key (capitals on), the "show me" glow
    selected_bg: str = "#D6ECFA"
    selected_border: str = "#1565C0"
    disabled_text: str = "#5F6F74"
    disabled_bg: str = "#E6E9E8"
    disabled_border: str = "#C9D1CF"
    primary_disabled_bg: str = "#8FB5A8"
    primary_disabled_text: str = "#F4F7F6"


NORMAL = Palette()
# White and yellow on black, every border drawn: for residents with weak eyesight.
HIGH_CONTRAST = Palette(
    background="#000000", surface="#000000", text="#FFFFFF", muted="#E8E8E8",
    primary="#FFD600", primary_text="#000000", primary_pressed="#C9A800",
    secondary="#1F1F1F", accent="#FF6E6E", right="#7CFFB2", right_bg="#00331A",
    wrong="#FF9E9E", wrong_bg="#3D0000", border="#FFFFFF", focus_ring="#00E5FF",
    highlight="#FFD600", selected_bg="#003A66", selected_border="#00E5FF",
    disabled_text="#A0A0A0", disabled_bg="#1A1A1A", disabled_border="#707070",
    primary_disabled_bg="#5C5000", primary_disabled_text="#D0D0D0",
)
PALETTES = {"normal": NORMAL, "high": HIGH_CONTRAST}


def apply(app, text_size: str, contrast: str) -> None:
    """Style the whole application; widgets with style sheets of their own (the keyboard,
    the practice phone) read the same choice back with `current_palette()`."""
    app.setProperty("kiosk_text_size", text_size)
    app.setProperty("kiosk_contrast", contrast)
    sheet = style_sheet(text_size, PALETTES.get(contrast, NORMAL))
    if app.styleSheet() != sheet:  # setting it restyles every widget, even to the same
        app.setStyleSheet(sheet)


def current_palette() -> Palette:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return PALETTES.get(app.property("kiosk_contrast") if app else None, NORMAL)


def current_text_size() -> str:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    size = app.property("kiosk_text_size") if app else None
    return size if size in TEXT_SIZES else "large"


def set_role(widget: QWidget, role: str) -> QWidget:
    """Tag a widget for the style sheet (and re-polish it if it is already polished).

    A widget not polished yet is left alone: it is polished once, with its role, when it
    is first shown or measured, and polishing it here as well doubles the work."""
    widget.setProperty("role", role)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    return widget


def style_sheet(text_size: str = "large", palette: Palette | None = None) -> str:
    p = palette or Palette()
    base = TEXT_SIZES.get(text_size, TEXT_SIZES["large"])
    small = round(base * 0.85)
    lead = round(base * 1.15)
    title = round(base * 1.6)
    hero = round(base * 2.2)
    return f"""
    * {{ font-family: "{FONT_FAMILY}"; }}
    QWidget {{ color: {p.text}; font-size: {base}px; }}
    QMainWindow, QStackedWidget, QWidget[role="screen"] {{ background: {p.background}; }}
    QLabel {{ background: transparent; }}
    QLabel[role="hero"] {{ font-size: {hero}px; font-weight: bold; color: {p.primary}; }}
    QLabel[role="title"] {{ font-size: {title}px; font-weight: bold; }}
    QLabel[role="lead"] {{ font-size: {lead}px; }}
    QLabel[role="muted"] {{ font-size: {small}px; color: {p.muted}; }}
    QLabel[role="error"] {{ font-size: {lead}px; color: {p.wrong}; font-weight: bold; }}
    QLabel[role="notice"] {{ font-size: {small}px; color: {p.wrong}; font-weight: bold; }}
    QLabel[role="code"] {{ font-size: {hero}px; font-weight: bold; letter-spacing: 6px;
        color: {p.primary}; background: {p.surface}; border: 3px dashed {p.primary};
        border-radius: 16px; padding: 16px 40px; }}
    QLabel[role="feedback-right"] {{ font-size: {lead}px; color: {p.right};
        background: {p.right_bg}; border-radius: 12px; padding: 16px; }}
    QLabel[role="feedback-wrong"] {{ font-size: {lead}px; color: {p.wrong};
        background: {p.wrong_bg}; border-radius: 12px; padding: 16px; }}
    QFrame[role="card"] {{ background: {p.surface}; border: 2px solid {p.border};
        border-radius: 16px; }}
    QPushButton {{ min-height: {MIN_TOUCH}px; min-width: {MIN_TOUCH}px; padding: 4px 24px;
        border-radius: 14px; border: 2px solid {p.border}; background: {p.secondary};
        font-size: {lead}px; }}
    QPushButton:pressed {{ background: {p.border}; }}
    QPushButton:focus {{ border: 4px solid {p.focus_ring}; }}
    QPushButton:disabled {{ color: {p.disabled_text}; background: {p.disabled_bg};
        border-color: {p.disabled_border}; }}
    QPushButton[role="primary"] {{ background: {p.primary}; color: {p.primary_text};
        border-color: {p.primary}; font-weight: bold; }}
    QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed}; }}
    QPushButton[role="primary"]:disabled {{ color: {p.primary_disabled_text};
        background: {p.primary_disabled_bg}; border-color: {p.primary_disabled_bg}; }}
    QPushButton[role="danger"] {{ background: {p.wrong}; color: {p.primary_text};
        border-color: {p.wrong}; font-weight: bold; }}
    QPushButton[role="danger"]:disabled {{ color: {p.disabled_text};
        background: {p.disabled_bg}; border-color: {p.disabled_border}; }}
    QPushButton[scale="big"] {{ min-height: 120px; font-size: {title}px; }}
    QPushButton[role="tile"] {{ min-height: 96px; text-align: left; padding: 0px;
        background: {p.surface}; font-size: {lead}px; }}
    QPushButton[role="option"] {{ min-height: 64px; text-align: left; padding: 0px;
        background: {p.surface}; font-size: {lead}px; }}
    QPushButton[role="option"] QLabel {{ font-size: {lead}px; }}
    QPushButton[role="tile"] QLabel {{ font-size: {base}px; }}
    QPushButton[role="primary"] QLabel {{ color: {p.primary_text}; font-weight: bold;
        font-size: {lead}px; }}
    QPushButton QLabel:disabled {{ color: {p.disabled_text}; }}
    QPushButton[role="option"]:checked {{ background: {p.selected_bg};
        border: 4px solid {p.selected_border}; }}
    QPushButton[role="option"][verdict="right"] {{ background: {p.right_bg};
        border: 4px solid {p.right}; }}
    QPushButton[role="option"][verdict="wrong"] {{ background: {p.wrong_bg};
        border: 4px solid {p.wrong}; }}
    QLineEdit {{ min-height: {MIN_TOUCH}px; font-size: {lead}px; padding: 0px 16px;
        border: 3px solid {p.border}; border-radius: 12px; background: {p.surface}; }}
    QLineEdit:focus {{ border-color: {p.primary}; }}
    QProgressBar {{ min-height: 24px; max-height: 24px; border-radius: 12px;
        background: {p.secondary}; border: none; text-align: center; font-size: {small}px; }}
    QProgressBar::chunk {{ background: {p.primary}; border-radius: 12px; }}
    QScrollArea, QScrollArea > QWidget > QWidget {{ border: none; background: transparent; }}
    QLabel[role="question"] {{ font-size: {lead}px; font-weight: bold; }}
    QScrollBar:vertical {{ width: 28px; }}
    QListWidget {{ background: {p.surface}; border: 2px solid {p.border};
        border-radius: 12px; font-size: {small}px; }}
    {console_style_sheet(base, p)}
    """


def console_style_sheet(base: int, p: Palette) -> str:
    """The staff console (role "console"): staff read tables at a desk or standing at the
    kiosk, so text is smaller than the residents' but targets stay finger-sized."""
    c = "QWidget[role=\"console\"]"
    text = round(base * 0.75)
    small = round(text * 0.9)
    lead = round(text * 1.15)
    title = round(text * 1.45)
    return f"""
    {c} QWidget {{ font-size: {text}px; }}
    {c} QLabel[role="title"] {{ font-size: {title}px; font-weight: bold; }}
    {c} QLabel[role="lead"] {{ font-size: {lead}px; }}
    {c} QLabel[role="muted"] {{ font-size: {small}px; color: {p.muted}; }}
    {c} QLabel[role="error"] {{ font-size: {lead}px; color: {p.wrong}; font-weight: bold; }}
    {c} QLabel[role="notice"] {{ font-size: {small}px; color: {p.wrong}; font-weight: bold; }}
    {c} QLabel[role="feedback-right"] {{ font-size: {title}px; color: {p.right};
        background: {p.right_bg}; border-radius: 12px; padding: 12px; font-weight: bold; }}
    {c} QLabel[role="feedback-wrong"] {{ font-size: {title}px; color: {p.wrong};
        background: {p.wrong_bg}; border-radius: 12px; padding: 12px; font-weight: bold; }}
    {c} QLabel[role="figure"] {{ font-size: {round(title * 1.4)}px; font-weight: bold;
        color: {p.primary}; }}
    {c} QPushButton {{ min-height: {CONSOLE_TOUCH}px; min-width: {CONSOLE_TOUCH}px;
        padding: 2px 16px; border-radius: 10px; font-size: {text}px; }}
    {c} QPushButton[role="nav"] {{ text-align: left; padding: 2px 16px; border: none;
        background: transparent; font-size: {lead}px; }}
    {c} QPushButton[role="nav"]:checked {{ background: {p.primary}; color: {p.primary_text};
        font-weight: bold; }}
    {c} QPushButton[role="nav"]:focus {{ border: 3px solid {p.focus_ring}; }}
    {c} QComboBox::drop-down {{ width: 40px; border: none; }}
    {c} QFrame[role="console-nav"] {{ background: {p.secondary};
        border-right: 2px solid {p.border}; }}
    {c} QPlainTextEdit, {c} QTextEdit {{ font-size: {text}px; padding: 8px;
        border: 2px solid {p.border}; border-radius: 10px; background: {p.surface}; }}
    {c} QLineEdit, {c} QComboBox, {c} QSpinBox, {c} QDateEdit {{
        min-height: {CONSOLE_TOUCH}px; font-size: {text}px; padding: 0px 12px;
        border: 2px solid {p.border}; border-radius: 10px; background: {p.surface}; }}
    {c} QCheckBox {{ min-height: {CONSOLE_TOUCH}px; }}
    {c} QCheckBox::indicator {{ width: 28px; height: 28px; }}
    {c} QTableView, {c} QListView, {c} QTreeView, {c} QListWidget {{
        background: {p.surface}; border: 2px solid {p.border}; border-radius: 10px;
        font-size: {text}px; selection-background-color: {p.selected_bg};
        selection-color: {p.text}; }}
    {c} QTableView::item {{ padding: 4px 8px; }}
    {c} QHeaderView::section {{ background: {p.secondary}; font-weight: bold;
        font-size: {small}px; padding: 6px; border: none;
        border-bottom: 2px solid {p.border}; }}
    {c} QTabBar::tab {{ min-height: {CONSOLE_TOUCH}px; padding: 0px 20px;
        font-size: {text}px; }}
    {c} QTabBar::tab:selected {{ font-weight: bold; border-bottom: 4px solid {p.primary}; }}
    {c} QProgressBar {{ font-size: {small}px; }}
    """

"""How the practice phone looks: its text sizes, its colours and its one style sheet.

The phone follows the kiosk's text size and contrast settings, but it is a phone: its text
is smaller than the kiosk's own (it has to fit a phone-shaped screen) and never below 18 px,
the least a 65-year-old reads comfortably at arm's length. In high contrast the app's brand
colours give way to the kiosk's black, white and yellow.

Widgets inside the phone say what they are with a `pk` ("phone kind") property rather than
the kiosk's `role`, so none of the kiosk's role rules (tile, option, primary...) leak in;
the generic kiosk rules they would inherit (button heights, paddings, focus borders) are
overridden here, since a widget's own style sheet always wins over the application's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ui.theme import FONT_FAMILY, PALETTES

# Phone text at the kiosk's "normal" size; "large" and "huge" scale it up. The phone's
# screen is narrow (about 220 px in a 1280x720 window), so it grows less than the
# kiosk's own text (24, 28, 34): "huge" phone text still fits a dozen letters a line.
BASE_TEXT = 18
PHONE_TEXT = {"normal": BASE_TEXT, "large": 21, "huge": 24}
# No target inside the phone is less tall than this: the lesson engine asks 56 px.
MIN_TARGET = 56
KEY_HEIGHT = 56
# Every framed target draws a border this wide, so highlighting it moves nothing.
BORDER = 4


@dataclass(frozen=True)
class PhoneColors:
    """The colours one screen is drawn with (brand colours already resolved)."""

    screen: str
    card: str
    outline: str
    text: str
    muted: str
    primary: str
    on_primary: str
    link: str
    bubble_them: str
    sms_link: str
    warning: str
    warning_bg: str
    highlight: str
    found: str
    found_bg: str
    missed: str
    missed_bg: str
    focus: str
    pressed: str
    call_bg: str
    call_text: str
    accept: str
    decline: str
    switch_off: str
    frame: str
    mark_bg: str
    mark_text: str
    high_contrast: bool


def _readable_on(color: str, background: str, fallback: str) -> str:
    from kiosk.lessons.screens import MIN_CONTRAST, contrast_ratio

    return color if contrast_ratio(color, background) >= MIN_CONTRAST else fallback


@cache
def phone_colors(contrast: str, primary: str, on_primary: str) -> PhoneColors:
    p = PALETTES.get(contrast, PALETTES["normal"])
    if contrast == "high":
        return PhoneColors(
            screen="#000000", card="#000000", outline="#FFFFFF", text="#FFFFFF",
            muted="#E8E8E8", primary=p.primary, on_primary=p.primary_text, link=p.primary,
            bubble_them="#1F1F1F", sms_link="#00E5FF", warning=p.wrong,
            warning_bg=p.wrong_bg,
            # Not the kiosk's yellow: buttons inside the phone are already yellow.
            highlight="#FF4FD8", found=p.right, found_bg=p.right_bg, missed=p.wrong,
            missed_bg=p.wrong_bg, focus=p.focus_ring, pressed="#333333", call_bg="#000000",
            call_text="#FFFFFF", accept="#7CFFB2", decline="#FF6E6E", switch_off="#707070",
            frame="#5A5A5A", mark_bg=p.primary, mark_text="#000000", high_contrast=True)
    card = "#FFFFFF"
    return PhoneColors(
        screen="#EEF2F3", card=card, outline="#CBD5D8", text=p.text, muted=p.muted,
        primary=primary, on_primary=on_primary, link=_readable_on(primary, card, p.text),
        bubble_them="#E3E9EC", sms_link="#0B57D0", warning=p.wrong, warning_bg=p.wrong_bg,
        highlight=p.highlight, found=p.right, found_bg=p.right_bg, missed=p.wrong,
        missed_bg=p.wrong_bg, focus=p.focus_ring, pressed="#D5DEE1", call_bg="#15262D",
        call_text="#FFFFFF", accept="#2E7D32", decline="#C62828", switch_off="#8A9A9F",
        frame="#1F2427", mark_bg=p.highlight, mark_text="#1B1B1B", high_contrast=False)


@dataclass(frozen=True)
class PhoneStyle:
    """Text size and contrast as the kiosk's settings name them."""

    text_size: str = "normal"
    contrast: str = "normal"

    @property
    def body(self) -> int:
        return PHONE_TEXT.get(self.text_size, BASE_TEXT)

    def px(self, value: float) -> int:
        """A length that grows a little with the text (icons, switch, badges): less than
        the text, since on a phone-wide row every pixel an icon takes is lost to words."""
        return round(value * min(self.body / BASE_TEXT, 1.15))

    @property
    def title(self) -> int:
        return round(self.body * 1.2)

    @property
    def header(self) -> int:
        return max(20, self.body)

    @property
    def nav(self) -> int:
        """Bottom-bar labels share a narrow column with up to three others: they grow
        least."""
        return max(BASE_TEXT, round(self.body * 0.8))

    @property
    def mark(self) -> int:
        """The "practice copy" mark: bold capitals on yellow read well at 18-20 px, and
        every pixel of the phone's height it does not take is left to the screen."""
        return min(self.body, BASE_TEXT + 2)

    @property
    def caller(self) -> int:
        return round(self.body * 1.35)

    def colors(self, primary: str, on_primary: str) -> PhoneColors:
        return phone_colors("high" if self.contrast == "high" else "normal",
                            primary, on_primary)

    def sheet(self, primary: str, on_primary: str) -> str:
        return _sheet(self, self.colors(primary, on_primary))


@cache
def _sheet(s: PhoneStyle, c: PhoneColors) -> str:
    b = BORDER
    card_outline = c.outline if c.high_contrast else "transparent"
    return f"""
    * {{ font-family: "{FONT_FAMILY}"; }}
    QWidget {{ color: {c.text}; font-size: {s.body}px; font-weight: normal; }}
    QLabel {{ background: transparent; border: none; padding: 0px; }}
    QLabel#practice_mark {{ background: {c.mark_bg}; color: {c.mark_text};
        font-size: {s.mark}px; font-weight: bold; border-radius: 8px; padding: 0px 12px; }}
    QFrame#phone_screen {{ background: {c.screen}; border: none; }}
    QWidget#phone_content {{ background: {c.screen}; }}
    QWidget#phone_content[call="true"] {{ background: {c.call_bg}; }}
    QScrollArea#phone_scroll {{ background: {c.screen}; border: none; }}
    QScrollBar:vertical {{ width: 10px; background: transparent; margin: 0px; }}
    QScrollBar::handle:vertical {{ background: {c.muted}; border-radius: 5px;
        min-height: 40px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
    QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
    QFrame#phone_header {{ background: {c.primary}; border: none;
        border-bottom: {"2px solid " + c.outline if c.high_contrast else "none"}; }}
    QLabel#phone_header_title {{ color: {c.on_primary}; font-size: {s.header}px;
        font-weight: bold; }}
    QFrame#phone_navbar {{ background: {c.card}; border: none;
        border-top: 2px solid {c.outline}; }}

    QLabel[pk="title"] {{ font-size: {s.title}px; font-weight: bold; }}
    QLabel[pk="small"], QLabel[pk="detail"], QLabel[pk="time"] {{ color: {c.muted}; }}
    QLabel[pk="strong"] {{ font-weight: bold; }}
    QLabel[pk="warning"] {{ color: {c.warning}; font-weight: bold; }}
    QLabel[pk="link"] {{ color: {c.link}; font-weight: bold; text-decoration: underline; }}
    QLabel[pk="sms-link"] {{ color: {c.sms_link}; text-decoration: underline; }}
    QLabel[pk="nav"] {{ color: {c.muted}; font-size: {s.nav}px; }}
    QLabel[pk="caller"] {{ color: {c.call_text}; font-size: {s.caller}px;
        font-weight: bold; }}
    QLabel[pk="call-text"] {{ color: {c.call_text}; }}
    QLabel[pk="field-label"] {{ font-weight: bold; }}

    QPushButton {{ min-height: {MIN_TARGET - 2 * b}px; min-width: 0px; padding: 0px;
        margin: 0px;
        border: {b}px solid transparent; border-radius: 12px; background: transparent;
        font-size: {s.body}px; text-align: center; }}
    *[pk] {{ border: {b}px solid transparent; border-radius: 12px; background: transparent; }}
    *[pk="primary"] {{ background: {c.primary}; border-color: {c.primary}; }}
    *[pk="primary"] QLabel {{ color: {c.on_primary}; font-weight: bold; }}
    *[pk="secondary"] {{ background: {c.card}; border-color: {c.link}; }}
    *[pk="secondary"] QLabel {{ color: {c.link}; font-weight: bold; }}
    *[pk="card"], *[pk="toggle"] {{ background: {c.card}; border-color: {card_outline}; }}
    *[pk="tile"], *[pk="key"] {{ background: {c.card}; border-color: {c.outline}; }}
    *[pk="warning-box"] {{ background: {c.warning_bg}; border-color: {c.warning_bg}; }}
    *[pk="address"] {{ background: {c.card}; border-color: {c.outline};
        border-radius: 22px; }}
    *[pk="bubble-them"] {{ background: {c.bubble_them}; border-color: {card_outline};
        border-radius: 18px; }}
    *[pk="bubble-me"] {{ background: {c.primary}; border-color: {c.primary};
        border-radius: 18px; }}
    *[pk="bubble-me"] QLabel {{ color: {c.on_primary}; }}
    *[pk="call"] {{ background: {c.call_bg}; border: none; border-radius: 0px; }}
    *[pk="row"], *[pk="nav"] {{ min-height: {MIN_TARGET + 8 - 2 * b}px; }}
    *[pk="tile"] {{ min-height: {MIN_TARGET + 24 - 2 * b}px; }}
    *[pk="key"] {{ min-height: {KEY_HEIGHT - 2 * b}px; }}
    QPushButton[pk="back"] {{ min-height: {MIN_TARGET + 4 - 2 * b}px;
        min-width: {MIN_TARGET + 4 - 2 * b}px; max-width: {MIN_TARGET + 4 - 2 * b}px; }}
    QLabel[pk] {{ border: none; border-radius: 0px; background: transparent; }}
    QPushButton:pressed {{ background: {c.pressed}; }}
    QPushButton[pk="primary"]:pressed {{ background: {c.primary}; border-color: {c.focus}; }}

    QLineEdit {{ min-height: {MIN_TARGET - 2 * b + 4}px; font-size: {s.body}px; padding: 0px 10px;
        border: {b}px solid {c.outline}; border-radius: 10px; background: {c.card};
        color: {c.text}; }}
    QLineEdit:focus {{ border-color: {c.link}; }}

    QPushButton:focus {{ border-color: {c.focus}; }}
    QPushButton[highlight="true"], QFrame[highlight="true"], QLineEdit[highlight="true"] {{
        border-color: {c.highlight}; }}
    QPushButton[mark="found"], QFrame[mark="found"], QLineEdit[mark="found"] {{
        border-color: {c.found}; background: {c.found_bg}; }}
    QPushButton[mark="missed"], QFrame[mark="missed"], QLineEdit[mark="missed"] {{
        border-color: {c.missed}; background: {c.missed_bg}; }}
    *[mark="found"] QLabel, *[mark="missed"] QLabel {{ color: {c.text}; }}
    """

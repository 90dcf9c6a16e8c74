"""Practice screens as data: copies of real apps that the practice phone draws.

One YAML file per app (lessons/screens/<app>.yaml): the app's id, the name shown in its
header, its two colours, and its screens. A screen is a list of elements drawn top to
bottom (text, buttons, fields, list rows, home tiles, an SMS thread, an incoming call, a
web address, a QR code, a PIN pad, a switch, a bottom bar). Lesson steps point at a screen
by id and at an element or item by its `id`, so every addressable id is unique within its
screen.

There is deliberately no element that could carry a real secret: fields have no default
value, and the only values a screen shows are what the author wrote, which must be
obviously fake practice data. The core holds no Qt: icons are only checked for their form
(`fa5s.wallet`, `mdi.bank`) here; the widgets resolve them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from kiosk.lessons.validation import Location, Problem, read_yaml, validate

__all__ = [
    "AddressElement", "AppColors", "AppScreens", "ButtonElement", "CallElement", "Element",
    "FieldElement", "GridElement", "GridItem", "KeypadElement", "ListElement", "ListItem",
    "MessageItem", "MessagesElement", "NavItem", "NavbarElement", "PracticeScreen",
    "QrElement", "TextElement", "ToggleElement", "keypad_key_ids", "load_screens",
    "screen_files",
]

#: The most digits a practice PIN or OTP pad takes.
MAX_KEYPAD_LENGTH = 8
#: How the practice phone names the keys of a keypad: "<keypad id>:<digit>" and this one.
KEYPAD_BACK = "back"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_APP = re.compile(r"^[a-z][a-z0-9_]*$")
_SCREEN_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_][a-z0-9_.-]*$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# qtawesome's font prefixes; the name after the dot is checked by the widgets.
_ICON = re.compile(r"^(fa5|fa5s|fa5b|fa6|fa6s|fa6b|mdi|mdi6|ph|ri|msc|ei)\.[a-z0-9]+(-[a-z0-9]+)*$")


def _element_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"id “{value}” chỉ dùng chữ thường không dấu, số và dấu gạch dưới, "
                         "bắt đầu bằng một chữ (ví dụ: btn_activate)")
    return value


def _app_id(value: str) -> str:
    if not _APP.match(value):
        raise ValueError(f"tên ứng dụng “{value}” chỉ dùng chữ thường không dấu, số và "
                         "dấu gạch dưới (ví dụ: vneid)")
    return value


def _screen_id(value: str) -> str:
    if not _SCREEN_ID.match(value):
        raise ValueError(f"id màn hình “{value}” phải có dạng <ứng dụng>.<tên>, chữ thường "
                         "không dấu (ví dụ: vneid.login)")
    return value


def _color(value: str) -> str:
    if not _COLOR.match(value):
        raise ValueError(f"màu “{value}” phải viết dạng #RRGGBB (ví dụ: #B71C1C)")
    return value.upper()


def _icon(value: str) -> str:
    if not _ICON.match(value):
        raise ValueError(f"biểu tượng “{value}” phải có dạng fa5s.tên-biểu-tượng hoặc "
                         "mdi.tên-biểu-tượng, chữ thường không dấu (ví dụ: fa5s.wallet)")
    return value


def _keypad_length(value: int) -> int:
    if not 1 <= value <= MAX_KEYPAD_LENGTH:
        raise ValueError(f"số chữ số (length) phải từ 1 đến {MAX_KEYPAD_LENGTH}")
    return value


def _columns(value: int) -> int:
    if not 1 <= value <= 3:
        raise ValueError("số cột (columns) phải từ 1 đến 3")
    return value


Id = Annotated[str, AfterValidator(_element_id)]
Icon = Annotated[str, AfterValidator(_icon)]
Color = Annotated[str, AfterValidator(_color)]
Text = Annotated[str, Field(min_length=1)]


def _not_empty(items: list, what: str, most: int | None = None) -> None:
    """List sizes checked here so the message is Vietnamese (pydantic's is English)."""
    if not items:
        raise ValueError(f"cần ít nhất một {what}")
    if most is not None and len(items) > most:
        raise ValueError(f"nhiều nhất {most} {what}, đang có {len(items)}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# -- Items of lists, tiles, bottom bars and threads ---------------------------------------

class ListItem(_Strict):
    """A row of a list; with an `id` it can be touched (or spotted)."""

    id: Id | None = None
    text: Text
    detail: str | None = None
    icon: Icon | None = None


class GridItem(_Strict):
    """A tile on an app's home screen."""

    id: Id | None = None
    text: Text
    icon: Icon | None = None


class NavItem(_Strict):
    """A button of the bottom navigation bar."""

    id: Id | None = None
    text: Text
    icon: Icon


class MessageItem(_Strict):
    """One bubble of an SMS or chat thread; `link` draws it as a web address."""

    id: Id | None = None
    from_: Literal["them", "me"] = Field(alias="from")
    text: Text
    time: str | None = None
    link: bool = False


# -- Elements ---------------------------------------------------------------------------

class TextElement(_Strict):
    kind: Literal["text"]
    id: Id | None = None
    text: Text
    style: Literal["body", "title", "small", "warning"] = "body"


class ButtonElement(_Strict):
    kind: Literal["button"]
    id: Id
    text: Text
    style: Literal["primary", "secondary", "link"] = "primary"
    icon: Icon | None = None


class FieldElement(_Strict):
    """A practice input. It has no default value: nothing real is ever put in it."""

    kind: Literal["field"]
    id: Id
    label: Text
    placeholder: str | None = None
    keyboard: Literal["text", "digits"] = "text"
    secret: bool = False


class ListElement(_Strict):
    kind: Literal["list"]
    items: list[ListItem]

    @model_validator(mode="after")
    def _has_items(self) -> ListElement:
        _not_empty(self.items, "dòng (items)")
        return self


class GridElement(_Strict):
    kind: Literal["grid"]
    items: list[GridItem]
    columns: Annotated[int, AfterValidator(_columns)] = 2

    @model_validator(mode="after")
    def _has_items(self) -> GridElement:
        _not_empty(self.items, "ô (items)")
        return self


class MessagesElement(_Strict):
    """An SMS or chat thread; `title` is the sender as the phone shows it, and `id` (if
    any) makes that sender line a target ("a bank that writes from an ordinary number")."""

    kind: Literal["messages"]
    id: Id | None = None
    title: Text
    items: list[MessageItem]

    @model_validator(mode="after")
    def _has_items(self) -> MessagesElement:
        _not_empty(self.items, "tin nhắn (items)")
        return self


class CallElement(_Strict):
    """An incoming call filling the screen; `id` (if any) is the caller block."""

    kind: Literal["call"]
    id: Id | None = None
    caller: Text
    number: str | None = None
    detail: str | None = None
    video: bool = False
    accept_id: Id = "call_accept"
    decline_id: Id = "call_decline"


class AddressElement(_Strict):
    """A browser's address bar; `secure` draws the padlock."""

    kind: Literal["address"]
    id: Id | None = None
    url: Text
    secure: bool = False


class QrElement(_Strict):
    kind: Literal["qr"]
    id: Id | None = None
    data: Text
    caption: str | None = None


class KeypadElement(_Strict):
    """A PIN/OTP pad with a row of dots. Its keys are targets too: "<id>:<digit>" and
    "<id>:back" (see `keypad_key_ids`)."""

    kind: Literal["keypad"]
    id: Id
    length: Annotated[int, AfterValidator(_keypad_length)] = 6
    label: str | None = None


class ToggleElement(_Strict):
    kind: Literal["toggle"]
    id: Id
    label: Text
    detail: str | None = None
    on: bool = False


class NavbarElement(_Strict):
    """The bottom navigation bar; drawn at the bottom wherever it is written."""

    kind: Literal["navbar"]
    items: list[NavItem]

    @model_validator(mode="after")
    def _has_items(self) -> NavbarElement:
        _not_empty(self.items, "nút (items)", most=4)
        return self


Element = Annotated[
    TextElement | ButtonElement | FieldElement | ListElement | GridElement | MessagesElement
    | CallElement | AddressElement | QrElement | KeypadElement | ToggleElement | NavbarElement,
    Field(discriminator="kind")]


def keypad_key_ids(keypad: KeypadElement) -> list[str]:
    """The ids the phone gives a keypad's keys: "<id>:0" … "<id>:9" and "<id>:back"."""
    return [*(f"{keypad.id}:{digit}" for digit in range(10)), f"{keypad.id}:{KEYPAD_BACK}"]


def _own_ids(element: Any) -> list[str]:
    """The ids an element itself and its items answer to (keypad keys excluded)."""
    ids = [element.id] if getattr(element, "id", None) else []
    ids += [item.id for item in getattr(element, "items", ()) if item.id]
    if isinstance(element, CallElement):
        ids += [element.accept_id, element.decline_id]
    return ids


# -- Screens and apps --------------------------------------------------------------------

class PracticeScreen(_Strict):
    id: Annotated[str, AfterValidator(_screen_id)]
    title: str | None = None
    back: bool = False
    header: bool = True
    elements: list[Element]

    @model_validator(mode="after")
    def _consistent(self) -> PracticeScreen:
        _not_empty(self.elements, "thành phần (elements)")
        if self.back and not self.header:
            raise ValueError(f"màn hình “{self.id}”: mũi tên quay lại (back: true) nằm trên "
                             "thanh tiêu đề, nên cần header: true")
        ids = ["back"] if self.back else []
        for element in self.elements:
            ids += _own_ids(element)
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        if twice:
            names = ", ".join(f"“{i}”" for i in twice)
            extra = " (“back” là mũi tên quay lại khi có back: true)" if "back" in twice else ""
            raise ValueError(f"màn hình “{self.id}”: id {names} dùng nhiều lần; mỗi id "
                             f"chỉ dùng một lần trong một màn hình{extra}")
        for kind, what in (("navbar", "thanh điều hướng (navbar)"),
                           ("call", "cuộc gọi (call)")):
            if sum(e.kind == kind for e in self.elements) > 1:
                raise ValueError(f"màn hình “{self.id}” chỉ có một {what}")
        return self

    def ids(self) -> set[str]:
        """Every id a step may point at: elements, items, "back", the call's two buttons
        and each keypad key."""
        ids = {"back"} if self.back else set()
        for element in self.elements:
            ids.update(_own_ids(element))
            if isinstance(element, KeypadElement):
                ids.update(keypad_key_ids(element))
        return ids

    def field_ids(self) -> set[str]:
        """The ids of the fields a `type` step can type into."""
        return {e.id for e in self.elements if isinstance(e, FieldElement)}


def _luminance(color: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


#: Header text must be readable on the app's colour (WCAG AA for normal text).
MIN_CONTRAST = 4.5


class AppColors(_Strict):
    primary: Color
    on_primary: Color = "#FFFFFF"

    @model_validator(mode="after")
    def _readable(self) -> AppColors:
        ratio = contrast_ratio(self.primary, self.on_primary)
        if ratio < MIN_CONTRAST:
            raise ValueError(f"chữ màu {self.on_primary} khó đọc trên nền {self.primary} "
                             f"(độ tương phản {ratio:.1f}:1, cần ít nhất {MIN_CONTRAST}:1)")
        return self


class AppScreens(_Strict):
    """One app: government apps keep their real names (VNeID, Cổng Dịch vụ công quốc
    gia); commercial apps are fictional brands."""

    app: Annotated[str, AfterValidator(_app_id)]
    name: Text
    colors: AppColors
    screens: list[PracticeScreen]

    @model_validator(mode="after")
    def _has_screens(self) -> AppScreens:
        _not_empty(self.screens, "màn hình (screens)")
        twice = sorted(i for i, n in Counter(s.id for s in self.screens).items() if n > 1)
        if twice:
            raise ValueError(f"id màn hình {', '.join(twice)} dùng nhiều lần trong tệp")
        return self


# -- Loading ------------------------------------------------------------------------------

def screen_files(root: Path) -> list[Path]:
    """The screen files of a lesson folder: root/screens/*.yaml."""
    return sorted((root / "screens").glob("*.yaml"))


def _line(lines: dict[Location, int], *path: str | int) -> int | None:
    return lines.get(tuple(path)) or lines.get(())


def load_screens(root: Path) -> tuple[dict[str, tuple[AppScreens, PracticeScreen]],
                                      list[Problem]]:
    """Every practice screen under root/screens by id, with the app it belongs to, and
    every problem found, located by file and line.

    A broken file disables only its own screens. A screen whose id is already taken by
    another file, or does not start with "<app>.", is an error of its file too, so a
    lesson never silently shows a different screen than its author meant.
    """
    screens: dict[str, tuple[AppScreens, PracticeScreen]] = {}
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in screen_files(root):
        data, lines, found = read_yaml(path, "tệp màn hình")
        app = None
        if not found:
            app, found = validate(path, AppScreens, data, lines)
        if app is not None:
            for i, screen in enumerate(app.screens):
                where = _line(lines, "screens", i, "id")
                if not screen.id.startswith(app.app + "."):
                    found.append(Problem(path, where, f"id màn hình “{screen.id}” phải bắt "
                                                      f"đầu bằng “{app.app}.”"))
                if screen.id in seen:
                    found.append(Problem(path, where, f"id màn hình “{screen.id}” trùng với "
                                                      f"một màn hình trong {seen[screen.id]}"))
        if found:
            problems.extend(found)
            continue
        assert app is not None
        for screen in app.screens:
            seen[screen.id] = path
            screens[screen.id] = (app, screen)
    return screens, problems

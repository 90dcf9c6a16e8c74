"""The practice phone draws every bundled practice screen, reports every touch by id, can be
used by keyboard alone, lights up and marks targets, and never cuts text, at the kiosk's
small window size and its biggest text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from kiosk.lessons.screens import AppScreens, load_screens
from ui.phone import PracticePhone
from ui.phone.gallery import render_gallery, step_window
from ui.phone.keypad import Keypad
from ui.phone.marks import badge_of
from ui.phone.style import KEY_HEIGHT, MIN_TARGET

REPO = Path(__file__).resolve().parents[2]
SCREENS, PROBLEMS = load_screens(REPO / "lessons")


@pytest.fixture(scope="module")
def fonts(qapp):
    """The bundled fonts, loaded once: loading them again adds them again."""
    from ui.app import load_fonts

    load_fonts()


@pytest.fixture
def styled(qapp, fonts):
    """The kiosk's style sheet, as in the running app; undone afterwards."""
    from ui import theme

    def apply(text_size: str = "normal", contrast: str = "normal") -> None:
        theme.apply(qapp, text_size, contrast)

    apply()
    yield apply
    qapp.setStyleSheet("")
    qapp.setProperty("kiosk_text_size", None)
    qapp.setProperty("kiosk_contrast", None)


@pytest.fixture
def step(qtbot, styled):
    """A phone in a window laid out like a lesson step, at 1280x720."""

    windows = []  # qtbot holds them weakly: without this a window would die with `_`

    def make(text_size: str = "normal", contrast: str = "normal", size=(1280, 720)):
        styled(text_size, contrast)
        phone = PracticePhone(text_size=text_size, contrast=contrast)
        window, _ = step_window(phone)
        windows.append(window)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window, phone

    yield make
    for window in windows:
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def show(phone: PracticePhone, screen_id: str) -> None:
    phone.show_screen(*SCREENS[screen_id])
    settle()


def settle() -> None:
    for _ in range(3):  # a scroll area settles its size in a few rounds
        QApplication.processEvents()
    # Outside an event loop nothing deletes the screens shown before: do it here.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def taps(phone: PracticePhone) -> list[str]:
    seen: list[str] = []
    phone.tapped.connect(seen.append)
    return seen


def touch(qtbot, widget: QWidget, pos: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,
                     pos=pos if pos is not None else widget.rect().center())


def grab(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def test_the_bundled_screens_load():
    assert PROBLEMS == []


@pytest.mark.parametrize("screen_id", sorted(SCREENS))
def test_every_screen_draws_every_target(step, screen_id):
    _, phone = step()
    show(phone, screen_id)
    _, screen = SCREENS[screen_id]
    for element_id in screen.ids():
        target = phone.target(element_id)
        assert target is not None, element_id
        assert target.isVisibleTo(phone), element_id
    mark = phone.findChild(QLabel, "practice_mark")
    assert mark.isVisible() and mark.text() == phone.tr("PRACTICE COPY")


def test_every_element_kind_is_drawn(step):
    _, phone = step()
    kinds = set()
    for screen_id, (_, screen) in SCREENS.items():
        show(phone, screen_id)
        kinds |= {element.kind for element in screen.elements}
        assert phone.page is not None and phone.page.isVisible()
    assert len(kinds) == 12


@pytest.mark.parametrize(("screen_id", "element_id"), [
    ("vneid.login", "btn_activate"),      # button
    ("vneid.wallet", "doc_health"),       # list row
    ("vneid.home", "tile_wallet"),        # grid tile
    ("bank.home", "nav_history"),         # bottom bar
    ("sms.scam_locked", "msg_link"),      # message bubble
    ("sms.scam_locked", "sender"),        # sender line
    ("phone.incoming", "call_accept"),    # call buttons
    ("phone.incoming", "call_decline"),
    ("phone.incoming", "caller"),
    ("vneid.activate", "back"),           # header arrow
    ("browser.fake_portal", "url"),       # address bar
    ("browser.fake_portal", "urgent"),    # text with an id
    ("vneid.qr_scan", "qr"),              # QR code
    ("vneid.login", "id_number"),         # touching a field
])
def test_touching_a_target_emits_its_id(qtbot, step, screen_id, element_id):
    _, phone = step()
    show(phone, screen_id)
    seen = taps(phone)
    target = phone.target(element_id)
    phone.page.reveal(target)
    touch(qtbot, target)
    assert seen == [element_id]


def test_a_toggle_switches_and_reports(qtbot, step):
    _, phone = step()
    show(phone, "settings.unknown_sources")
    seen = taps(phone)
    toggle = phone.target("unknown_sources")
    assert not toggle.isChecked()
    before = grab(toggle)
    touch(qtbot, toggle)
    assert toggle.isChecked() and seen == ["unknown_sources"]
    assert grab(toggle) != before
    touch(qtbot, toggle)
    assert not toggle.isChecked() and seen == ["unknown_sources"] * 2


def test_keypad_digits_fill_the_dots_and_report_each_key(qtbot, step):
    _, phone = step()
    show(phone, "vneid.otp")
    seen = taps(phone)
    keypad = phone.target("otp")
    assert isinstance(keypad, Keypad) and keypad.typed == 0
    for digit in "1230":
        touch(qtbot, phone.target(f"otp:{digit}"))
    assert seen == ["otp:1", "otp:2", "otp:3", "otp:0"]
    assert keypad.typed == 4
    touch(qtbot, phone.target("otp:back"))
    assert seen[-1] == "otp:back" and keypad.typed == 3
    for _ in range(5):  # no more dots than the code has
        touch(qtbot, phone.target("otp:9"))
    assert keypad.typed == 6


def test_a_touch_on_nothing_addressable_emits_empty(qtbot, step):
    _, phone = step()
    app = AppScreens.model_validate({
        "app": "demo", "name": "Mẫu", "colors": {"primary": "#00695C"},
        "screens": [{"id": "demo.x", "elements": [
            {"kind": "text", "text": "Chữ không có id"},
            {"kind": "button", "id": "btn", "text": "Nút"}]}]})
    phone.show_screen(app, app.screens[0])
    settle()
    seen = taps(phone)
    # The text has no id, nor has the empty screen under it, nor the status bar.
    text = next(label for label in phone.page.content.findChildren(QLabel)
                if label.text() == "Chữ không có id")
    touch(qtbot, text)
    viewport = phone.page.scroll.viewport()
    assert phone.page.content.height() <= viewport.height()  # the screen has room left
    touch(qtbot, viewport, QPoint(viewport.width() // 2, viewport.height() - 5))
    touch(qtbot, phone.findChild(QWidget, "status_bar"))
    assert seen == ["", "", ""]
    # Beside the phone body is not the phone.
    body = phone.body_rect()
    touch(qtbot, phone, QPoint(body.left() - 5, body.center().y()))
    assert seen == ["", "", ""]


def test_a_pin_pad_stays_in_view_and_is_never_squeezed(qtbot, step):
    # On the kiosk's big screen the pad sits below the scrolling part. (At 1280x720 the
    # 56-pixel targets leave it no room there, and it scrolls with the rest: below.)
    _, phone = step(size=(1920, 1080))
    show(phone, "vneid.otp")
    pad = phone.target("otp")
    settle()
    assert not phone.page.content.isAncestorOf(pad)  # below the scrolling part
    assert not pad.visibleRegion().isEmpty()
    # A phone too short for it: the pad scrolls with the rest rather than shrink.
    _, short = step("huge", size=(1280, 600))
    app = AppScreens.model_validate({
        "app": "demo", "name": "Mẫu có tiêu đề rất dài", "colors": {"primary": "#B71C1C"},
        "screens": [{"id": "demo.x", "back": True, "elements": [
            {"kind": "text", "text": "Chữ " * 30},
            {"kind": "keypad", "id": "pin", "length": 8, "label": "Mã gồm tám chữ số"}]}]})
    short.show_screen(app, app.screens[0])
    qtbot.waitUntil(lambda: short.page.content.isAncestorOf(short.target("pin")))
    settle()
    for digit in "0123456789":
        assert short.target(f"pin:{digit}").height() >= KEY_HEIGHT


def test_a_practice_field_takes_typing_and_forgets_it(qtbot, step):
    _, phone = step()
    show(phone, "vneid.activate")
    field = phone.field("id_number")
    assert isinstance(field, QLineEdit) and field.text() == ""
    qtbot.keyClicks(field, "abc000 000")
    assert field.text() == "000 000"  # a digits field takes digits and spaces only
    show(phone, "vneid.login")
    assert phone.field("phone") is None
    password = phone.field("password")
    assert password.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(password, "matkhau")
    assert password.text() == "matkhau"
    show(phone, "vneid.login")
    assert phone.field("password").text() == ""  # a new screen starts empty


def test_highlight_lights_a_target_up_and_clears(step):
    _, phone = step()
    show(phone, "vneid.login")
    target = phone.target("btn_activate")
    before = grab(target)
    phone.highlight("btn_activate")
    settle()
    assert target.property("highlight") is True
    assert target.graphicsEffect() is not None
    assert grab(target) != before
    phone.highlight("btn_login")  # one at a time
    assert not target.property("highlight") and target.graphicsEffect() is None
    phone.highlight(None)
    settle()
    assert not phone.target("btn_login").property("highlight")
    assert grab(target) == before


def test_highlight_scrolls_a_hidden_target_into_view(qtbot, step):
    _, phone = step("huge")
    show(phone, "vneid.wallet")
    target = phone.target("btn_present")
    assert target.visibleRegion().isEmpty()  # below the fold at the biggest text
    phone.highlight("btn_present")
    qtbot.waitUntil(lambda: not target.visibleRegion().isEmpty())


def test_marks_show_found_and_missed_parts_and_clear(step):
    _, phone = step()
    show(phone, "sms.scam_locked")
    link, sender = phone.target("msg_link"), phone.target("sender")
    before = grab(link)
    phone.mark("msg_link")
    phone.mark("sender", found=False)
    settle()
    assert link.property("mark") == "found" and sender.property("mark") == "missed"
    badge = badge_of(link)
    assert badge is not None and badge.isVisible()
    # The badge has room of its own: it covers no text.
    for label in link.findChildren(QLabel):
        assert not label.geometry().intersects(badge.geometry()), label.text()
    assert grab(link) != before
    phone.clear_marks()
    settle()
    assert link.property("mark") is None and sender.property("mark") is None
    assert badge_of(link) is None or not badge_of(link).isVisible()


def test_keyboard_alone_reaches_and_presses_every_target(qtbot, step):
    window, phone = step()
    show(phone, "vneid.login")
    # The player moves on with Enter: on the phone Enter presses the focused target.
    shortcut_used = []
    QShortcut(QKeySequence("Return"), window, activated=lambda: shortcut_used.append(1))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    phone.field("id_number").setFocus()
    reached = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if phone.isAncestorOf(focus):
            reached.append(focus.objectName())
    assert {"password", "btn_login", "btn_activate"} <= set(reached)
    seen = taps(phone)
    button = phone.target("btn_activate")
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.keyClick(button, Qt.Key.Key_Enter)
    assert seen == ["btn_activate"] * 3
    assert shortcut_used == []


def test_a_touch_does_not_leave_a_focus_ring(qtbot, step):
    _, phone = step()
    show(phone, "vneid.home")
    touch(qtbot, phone.target("tile_wallet"))
    assert not phone.target("tile_wallet").hasFocus()


@pytest.mark.parametrize("text_size", ["normal", "huge"])
def test_every_target_is_big_enough_at_1280x720(step, text_size):
    _, phone = step(text_size)
    for screen_id, (_, screen) in SCREENS.items():
        show(phone, screen_id)
        for element_id in screen.ids():
            target = phone.target(element_id)
            least = KEY_HEIGHT if ":" in element_id else MIN_TARGET
            assert target.height() >= least, (screen_id, element_id, target.height())


def test_the_phone_is_phone_shaped_and_takes_its_height(step):
    for size in ((1280, 720), (1920, 1080)):
        _, phone = step(size=size)
        show(phone, "vneid.home")
        body = phone.body_rect()
        if size[1] == 1080:
            assert body.height() == pytest.approx(2 * body.width(), abs=2)
        else:  # widened on a short window to stay readable, still a phone
            assert 1.6 * body.width() <= body.height() < 2 * body.width()
            assert body.width() >= 280
        assert body.height() == phone.height()  # it is as tall as it is allowed
        assert body.height() > (430 if size[1] == 720 else 750)


@pytest.mark.parametrize("text_size", ["normal", "huge"])
def test_no_text_is_cut_on_any_screen(step, text_size):
    _, phone = step(text_size)
    for screen_id in SCREENS:
        show(phone, screen_id)
        page = phone.page
        assert page.content.width() <= page.scroll.viewport().width(), screen_id
        for label in page.findChildren(QLabel):
            if not label.isVisibleTo(phone) or not label.text():
                continue  # hidden, or an icon
            where = (screen_id, label.text())
            if label.wordWrap():
                assert label.height() >= label.heightForWidth(label.width()), where
            else:
                assert label.width() >= label.sizeHint().width(), where
                assert label.height() >= label.sizeHint().height(), where


@pytest.mark.parametrize(("text_size", "least"), [("normal", 18), ("large", 21),
                                                   ("huge", 24)])
def test_text_is_never_small(step, text_size, least):
    _, phone = step(text_size)
    for screen_id in SCREENS:
        show(phone, screen_id)
        for widget in phone.findChildren(QLabel) + phone.findChildren(QLineEdit):
            if isinstance(widget, QLabel) and not widget.text():
                continue  # an icon
            floor = 18 if widget.property("pk") in ("nav", "small", "detail", "time") \
                or widget.objectName() == "practice_mark" else least
            assert widget.font().pixelSize() >= floor, (screen_id, widget.text())


def test_text_size_and_contrast_follow_the_settings_and_keep_the_marks(step):
    _, phone = step()
    show(phone, "sms.scam_locked")
    phone.mark("msg_link")
    phone.highlight("sender")
    body = phone.target("msg_locked").findChild(QLabel).font().pixelSize()
    phone.set_text_size("huge")
    settle()
    assert phone.target("msg_locked").findChild(QLabel).font().pixelSize() > body
    assert phone.target("msg_link").property("mark") == "found"
    assert phone.target("sender").property("highlight") is True
    phone.set_contrast("high")
    settle()
    assert phone.page.colors.high_contrast
    content = phone.page.content
    corner = grab(content).pixelColor(2, content.height() - 3)
    assert corner.name() == "#000000"


def test_the_phone_reads_the_kiosk_settings(qtbot, styled):
    styled("large", "high")
    phone = PracticePhone()
    qtbot.addWidget(phone)
    phone.show_screen(*SCREENS["vneid.login"])
    assert phone.page.phone_style.text_size == "large"
    assert phone.page.colors.high_contrast


def test_lesson_text_is_shown_as_typed(qtbot, styled):
    app = AppScreens.model_validate({
        "app": "demo", "name": "A & B <b>", "colors": {"primary": "#00695C"},
        "screens": [{"id": "demo.x", "elements": [
            {"kind": "text", "text": "<b>đậm</b> & nhạt"},
            {"kind": "button", "id": "btn", "text": "Lưu & gửi"}]}]})
    phone = PracticePhone(text_size="normal")
    qtbot.addWidget(phone)
    phone.show_screen(app, app.screens[0])
    texts = {label.text() for label in phone.findChildren(QLabel)}
    assert {"<b>đậm</b> & nhạt", "Lưu & gửi", "A & B <b>"} <= texts
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in phone.findChildren(QLabel) if label.text())


def test_every_bundled_icon_exists():
    from ui.phone import icons

    names = {getattr(item, "icon", None) for _, screen in SCREENS.values()
             for element in screen.elements for item in (element, *getattr(element, "items", ()))}
    names.discard(None)
    assert names and all(icons.exists(name) for name in names), \
        [name for name in names if not icons.exists(name)]


def test_the_qr_code_is_real():
    import qrcode

    from ui.phone.elements import qr_image

    data = SCREENS["vneid.qr_scan"][1].elements[1].data
    image = qr_image(data)
    code = qrcode.QRCode(border=2, mask_pattern=0,
                         error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    matrix = code.get_matrix()
    assert image.width() == image.height() == len(matrix)
    dark = [[image.pixelColor(x, y).name() == "#000000" for x in range(image.width())]
            for y in range(image.height())]
    assert dark == matrix


def test_the_gallery_renders_pngs(qapp, tmp_path: Path, styled):
    few = {key: SCREENS[key] for key in ("phone.incoming", "vneid.otp")}
    files = render_gallery(tmp_path, sizes=((1280, 720),), text_sizes=("normal",),
                           contrasts=("normal", "high"), screens=few)
    assert len(files) == 4
    for path in files:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1280, 720)
    assert any(f.name == "1280x720-normal-high-vneid.otp.png" for f in files)


def finger(widget: QWidget, kind, at: QPoint) -> None:
    """A mouse event as a touch screen sends it: `at` is where the finger is on the
    screen, so the point stays put while the widget under it scrolls away."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease \
        else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, QPointF(widget.mapFromGlobal(at)), QPointF(at),
                        Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove
                        else Qt.MouseButton.LeftButton, held, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_a_finger_drags_a_long_screen_and_a_still_touch_still_taps(qtbot, step):
    from PySide6.QtCore import QEvent

    from ui.touch import DRAG_START

    _, phone = step()
    app = AppScreens.model_validate({
        "app": "demo", "name": "Trang dài", "colors": {"primary": "#B71C1C"},
        "screens": [{"id": "demo.long", "elements": [
            {"kind": "button", "id": "btn_top", "text": "Đầu trang"},
            *({"kind": "text", "text": f"Dòng chữ số {n}"} for n in range(30)),
            {"kind": "button", "id": "btn_end", "text": "Cuối trang"}]}]})
    phone.show_screen(app, app.screens[0])
    settle()
    bar = phone.page.scroll.verticalScrollBar()
    assert bar.maximum() > 150 and bar.value() == 0
    seen = []
    phone.tapped.connect(seen.append)
    top = phone.target("btn_top")
    start = top.mapToGlobal(top.rect().center())

    # A finger lands on the first button and drags the page up by 150 pixels.
    finger(top, QEvent.Type.MouseButtonPress, start)
    for dy in range(10, 160, 10):
        finger(top, QEvent.Type.MouseMove, start - QPoint(0, dy))
    finger(top, QEvent.Type.MouseButtonRelease, start - QPoint(0, 150))
    assert bar.value() == 150
    assert seen == []  # lifting the finger after a drag presses nothing

    # A touch that moves a little is still a tap.
    bar.setValue(0)
    settle()
    finger(top, QEvent.Type.MouseButtonPress, start)
    finger(top, QEvent.Type.MouseMove, start - QPoint(0, DRAG_START - 4))
    finger(top, QEvent.Type.MouseButtonRelease, start - QPoint(0, DRAG_START - 4))
    assert seen == ["btn_top"] and bar.value() == 0

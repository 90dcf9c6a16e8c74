"""Every string a person reads goes through Qt's translation, and Vietnamese is complete."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "kiosk_vi.ts"
QM = REPO / "resources" / "translations" / "kiosk_vi.qm"


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is missing from the environment"
    return found


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name"), m.findtext("source")): m.find("translation")
            for ctx in root.iter("context") for m in ctx.iter("message")}


def test_every_source_string_has_a_finished_vietnamese_translation(tmp_path: Path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (REPO / "ui").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(fresh), "-no-obsolete"],
                   check=True, capture_output=True)
    wanted = set(messages(fresh))
    assert len(wanted) > 80
    have = messages(TS)
    missing = sorted(wanted - set(have))
    assert not missing, f"run pyside6-lupdate and translate: {missing}"
    for key in wanted:
        translation = have[key]
        text = "".join(translation.itertext()).strip()
        assert translation.get("type") != "unfinished" and text, f"untranslated: {key}"


def test_the_compiled_translation_is_up_to_date(tmp_path: Path):
    compiled = tmp_path / "kiosk_vi.qm"
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True,
                   capture_output=True)
    assert compiled.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on kiosk_vi.ts"


def test_placeholders_survive_translation():
    for (_, source), translation in messages(TS).items():
        text = "".join(translation.itertext())
        for marker in ("%1", "%2", "%3", "%n"):
            assert (marker in source) == (marker in text), (source, text)

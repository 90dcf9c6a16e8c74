"""Settings: declared once, read from defaults, the file and the environment."""

from pathlib import Path

from kiosk import demo, settings


def test_defaults_give_the_demo_commune_and_sqlite_in_the_data_folder(isolated_settings):
    config = settings.load()
    assert config.commune_name == demo.DEMO_COMMUNE
    assert config.hamlets == demo.DEMO_HAMLETS
    assert config.effective_database_url == f"sqlite:///{isolated_settings / 'kiosk.sqlite3'}"
    assert config.problems == ()


def test_every_setting_has_a_description_and_a_valid_default():
    names = [s.name for s in settings.DECLARED]
    assert len(names) == len(set(names))
    for setting in settings.DECLARED:
        assert setting.description.strip()
        assert setting.convert(setting.default()) == setting.default()
    assert {"commune_name", "hamlets", "data_dir", "database_url", "idle_timeout",
            "text_size", "language"} <= set(names)


def test_file_then_environment_win_over_defaults(tmp_path: Path, monkeypatch):
    file = tmp_path / "settings.toml"
    file.write_text('commune_name = "Xã Tân Hòa"\nidle_timeout = 300\n'
                    'hamlets = ["Ấp 1", "Ấp 2"]\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_IDLE_TIMEOUT", "90")
    monkeypatch.setenv("KIOSK_DATABASE_URL", "postgresql+psycopg://kiosk@db/kiosk")
    config = settings.load(file=file)
    assert config.commune_name == "Xã Tân Hòa"
    assert config.hamlets == ("Ấp 1", "Ấp 2")
    assert config.idle_timeout == 90
    assert config.effective_database_url == "postgresql+psycopg://kiosk@db/kiosk"


def test_a_broken_file_keeps_the_defaults_and_says_why(tmp_path: Path):
    file = tmp_path / "settings.toml"
    file.write_text('commune_name = "unterminated\n', encoding="utf-8")
    config = settings.load(file=file)
    assert config.commune_name == demo.DEMO_COMMUNE
    assert len(config.problems) == 1 and "bị hỏng" in config.problems[0]


def test_bad_values_and_unknown_keys_are_reported_one_by_one(tmp_path: Path, monkeypatch):
    file = tmp_path / "settings.toml"
    file.write_text('idle_timeout = "soon"\ntext_size = "giant"\ncolour = "red"\n'
                    'hamlets = []\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_LANGUAGE", "fr")
    config = settings.load(file=file)
    assert config.idle_timeout == 180 and config.text_size == "large"
    assert config.language == "vi" and config.hamlets == demo.DEMO_HAMLETS
    assert len(config.problems) == 5
    joined = "\n".join(config.problems)
    for name in ("idle_timeout", "text_size", "colour", "hamlets", "KIOSK_LANGUAGE"):
        assert name in joined


def test_save_writes_only_changes_and_reads_back(tmp_path: Path):
    file = tmp_path / "conf" / "settings.toml"
    config = settings.load(file=file).replace(
        commune_name='Phường "Mới" \\ Một', idle_timeout=240, hamlets=["Tổ 1", "Tổ 2"])
    settings.save(config, file)
    text = file.read_text(encoding="utf-8")
    assert "language" not in text  # unchanged from the default
    again = settings.load(file=file)
    assert again.commune_name == 'Phường "Mới" \\ Một'
    assert again.idle_timeout == 240 and again.hamlets == ("Tổ 1", "Tổ 2")
    assert again.problems == ()

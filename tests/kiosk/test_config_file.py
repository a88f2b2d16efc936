"""The kiosk configuration file: good files load, bad ones name the file, line and key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mirror_app.cli import main
from mirror_app.config import (
    SCHEMA,
    ConfigError,
    MirrorConfig,
    changed_settings,
    default_config_path,
    default_toml,
    load_config,
)
from mirror_app.staff import hash_pin, verify_pin

GOOD = """\
# a shop's file
[camera]
device = "/dev/v4l/by-id/usb-cam-video-index0"
width = 1920
height = 1080
rotation = 90
mirror = false

[catalog]
path = "/srv/catalog"

[display]
language = "en"

[session]
idle_timeout_s = 45

[photo]
policy = "keep"
keep_minutes = 30
qr_url_template = "https://shop.example/o?i={item_ids}"

[logging]
level = "DEBUG"
"""


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_sets_what_it_says_and_keeps_the_rest(tmp_path):
    config = load_config(write(tmp_path, GOOD), required=True)
    assert config.camera_device == "/dev/v4l/by-id/usb-cam-video-index0"
    assert (config.camera_width, config.camera_height, config.camera_rotation) == (1920, 1080, 90)
    assert config.camera_mirror is False and config.display_language == "en"
    assert config.session_idle_timeout_s == 45.0 and isinstance(config.session_idle_timeout_s, float)
    assert config.photo_policy == "keep" and config.photo_keep_minutes == 30
    assert config.logging_level == "DEBUG"
    assert config.camera_fps == 30 and config.staff_max_tries == 5  # untouched keys keep defaults
    assert config.source_file == str(tmp_path / "config.toml")


def test_a_missing_default_file_means_defaults_but_a_named_one_must_exist(tmp_path):
    assert load_config(tmp_path / "absent.toml") == MirrorConfig()
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "absent.toml", required=True)


def test_the_default_file_lives_in_the_platform_config_folder(kiosk_dirs):
    assert default_config_path() == kiosk_dirs["config"] / "mirror-app" / "config.toml"


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ('[camera]\nwidth = "1280"\n', 2, r"\[camera\] width = '1280' must be a whole number, not str"),
        ("[camera]\n\nrotation = 45\n", 3, r"\[camera\] rotation = 45 must be one of 0, 90, 180, 270"),
        ("[camera]\nfps = true\n", 2, r"\[camera\] fps = True must be a whole number"),
        ("[camera]\nwidht = 1280\n", 2, r'\[camera\] widht: unknown key \(did you mean "width"\?\)'),
        ("[camera]\nwidth = 99999\n", 2, r"must be between 160 and 7680"),
        ("[cameras]\ndevice = 0\n", 1, r'unknown section \[cameras\] \(did you mean "camera"\?\)'),
        ('[display]\nlanguage = "jp"\n', 2, r"\[display\] language = 'jp' must be one of 'ko', 'en'"),
        ('[photo]\npolicy = "always"\n', 2, r"\[photo\] policy = 'always' must be one of 'never', 'keep'"),
        ('[photo]\nqr_url_template = "ftp://x/{item_ids}"\n', 2, r"must start with http:// or https://"),
        ('[photo]\nqr_url_template = "https://x/{sku}"\n', 2, r"may only contain the field \{item_ids\}"),
        ('[staff]\npin_hash = "1234"\n', 2, r"\[staff\] pin_hash = '1234' is not a PIN hash; make one with"),
        ('[logging]\nlevel = "verbose"\n', 2, r"\[logging\] level = 'verbose' must be one of"),
        ("[session]\nidle_timeout_s = 1\n", 2, r"\[session\] idle_timeout_s = 1.0 must be between 3 and 3600"),
    ],
)
def test_bad_values_name_the_file_line_and_key(tmp_path, text, line, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=rf"^{path}:{line}: .*{expected}") as err:
        load_config(path, required=True)
    assert "\n" not in str(err.value)  # one line


def test_broken_toml_says_so_with_its_position(tmp_path):
    path = write(tmp_path, "[camera]\nwidth = = 3\n")
    with pytest.raises(ConfigError, match=rf"^{path}: not valid TOML: .*line 2"):
        load_config(path, required=True)


def test_a_section_that_is_not_a_table_is_refused(tmp_path):
    with pytest.raises(ConfigError, match=r"\[camera\] must be a table"):
        load_config(write(tmp_path, 'camera = "0"\n'), required=True)


def test_command_line_values_override_the_file_and_are_checked_too(tmp_path):
    config = load_config(write(tmp_path, GOOD), required=True)
    changed = config.with_overrides(camera_rotation=180, display_language="ko", camera_width=None)
    assert changed.camera_rotation == 180 and changed.display_language == "ko"
    assert changed.camera_width == 1920  # None means "flag not given"
    with pytest.raises(ConfigError, match=r"--rotation 45 must be one of"):
        config.with_overrides(camera_rotation=45)


def test_run_flags_override_the_file(tmp_path):
    from mirror_app.cli import _run_config, build_parser

    path = write(tmp_path, GOOD)
    args = build_parser().parse_args(["run", "--config", str(path), "--rotate", "270", "--camera", "1", "--lang", "ko"])
    config = _run_config(args)
    assert (config.camera_rotation, config.camera_device, config.display_language) == (270, 1, "ko")
    assert config.camera_width == 1920  # from the file


def test_the_generated_default_file_is_valid_documented_and_all_defaults(tmp_path):
    text = default_toml()
    config = load_config(write(tmp_path, text), required=True)
    assert config == MirrorConfig() and changed_settings(config) == []
    data = tomllib.loads(text)
    assert {(k.section, k.name) for k in SCHEMA} == {(s, n) for s, body in data.items() for n in body}
    for key in SCHEMA:  # each key has its explanation right above it
        assert f"# {key.doc}\n{key.name} = " in text


def test_config_init_writes_the_default_file_and_never_overwrites(kiosk_dirs, capsys):
    path = kiosk_dirs["config"] / "mirror-app" / "config.toml"
    assert main(["config", "init"]) == 0
    assert path.read_text(encoding="utf-8") == default_toml()
    assert f"wrote {path}" in capsys.readouterr().out
    path.write_text("[camera]\nrotation = 90\n", encoding="utf-8")
    assert main(["config", "init"]) == 2
    assert "already exists; not overwritten" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "[camera]\nrotation = 90\n"


def test_config_path_prints_the_location(kiosk_dirs, capsys):
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(kiosk_dirs["config"] / "mirror-app" / "config.toml")


def test_config_check_reports_ok_changes_and_warnings(tmp_path, capsys):
    assert main(["config", "check", str(write(tmp_path, GOOD))]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"OK: {tmp_path / 'config.toml'}")
    assert "[camera] rotation = 90" in out and '[display] language = "en"' in out
    assert "warning: the staff PIN is the default 0000" in out


def test_config_check_fails_with_one_line_naming_line_and_key(tmp_path, capsys):
    path = write(tmp_path, "[camera]\nmirror = true\nrotation = 45\n")
    assert main(["config", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"mirror-app: {path}:3: [camera] rotation = 45 must be one of 0, 90, 180, 270"


def test_config_check_without_a_file_says_defaults_are_used(capsys):
    assert main(["config", "check"]) == 0
    assert "no configuration file" in capsys.readouterr().out


def test_a_pin_hash_line_from_staff_pin_is_accepted_and_verifies(tmp_path):
    line = f'pin_hash = "{hash_pin("2580", iterations=1000)}"'
    config = load_config(write(tmp_path, f"[staff]\n{line}\nmax_tries = 3\n"), required=True)
    assert not config.uses_default_pin and verify_pin("2580", config.effective_pin_hash)
    assert not verify_pin("0000", config.effective_pin_hash)
    assert changed_settings(config)[0] == "[staff] pin_hash = (set)"  # never printed

"""docs/kiosk.md documents every configuration key with its default, straight from the schema."""

from __future__ import annotations

import importlib.util

from mirror_app.config import SCHEMA, schema_markdown

from .conftest import ROOT


def load_tool():
    spec = importlib.util.spec_from_file_location("update_kiosk_doc", ROOT / "tools" / "update_kiosk_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_key_table_in_docs_kiosk_md_is_up_to_date():
    text = (ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8")
    assert load_tool().render(text) == text, (
        "docs/kiosk.md's key table differs from mirror_app/config.py: run `.venv/bin/python tools/update_kiosk_doc.py`"
    )
    assert schema_markdown() in text


def test_every_key_has_a_row_with_its_default():
    text = (ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8")
    for key in SCHEMA:
        assert f"| `[{key.section}] {key.name}` |" in text


def test_the_doc_names_the_exit_code_the_supervisors_keep_closed():
    from mirror_app.ui.app import EXIT_STAFF

    unit = (ROOT / "deploy" / "mirror-app.service").read_text()
    assert f"RestartPreventExitStatus={EXIT_STAFF}" in unit
    assert "Type=notify" in unit and "WatchdogSec=30" in unit and "Restart=always" in unit
    assert f"$StaffExit = {EXIT_STAFF}" in (ROOT / "deploy" / "windows" / "run-mirror.ps1").read_text()
    assert f"| {EXIT_STAFF} | staff chose" in (ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8")

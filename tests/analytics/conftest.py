from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_real_data_folder(monkeypatch, tmp_path):
    """Keep every test away from the user's real analytics database."""
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "user-data"))

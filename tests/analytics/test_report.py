"""The report: numbers worked out by hand, plots in the HTML, --since, CSV, the CLI."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mirror_app.analytics import Event, EventKind, EventStore
from mirror_app.analytics.report import CSV_COLUMNS, parse_date, summarize, write_report
from mirror_app.cli import main

A, B, C = "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> float:
    return datetime(2025, 5, day, hour, minute, second, tzinfo=UTC).timestamp()


def ev(kind: str, ts: float, visit: str, item: str | None = None, seconds: float | None = None, detail=None) -> Event:
    return Event(EventKind(kind), ts, visit, item, seconds, detail)


# Three visits on 17 May (UTC) and one on 18 May:
# A 10:00 tries the tee (30 s) and the jeans (60 s), takes a photo wearing both, QR shown.
# B 12:00 tries the tee (20 s), sees size advice M; no photo.
# C 12:30 only looks.
# D 18 May 09:00 tries the jeans (40 s), photo.
EVENTS = [
    ev("visit_start", at(17, 10), A),
    ev("item_on", at(17, 10, 0, 10), A, "crew-tee"),
    ev("item_on", at(17, 10, 0, 20), A, "denim-jeans"),
    ev("photo_taken", at(17, 10, 0, 35), A),
    ev("qr_shown", at(17, 10, 0, 36), A),
    ev("item_off", at(17, 10, 0, 40), A, "crew-tee", 30.0),
    ev("item_off", at(17, 10, 1, 20), A, "denim-jeans", 60.0),
    ev("visit_end", at(17, 10, 2), A),
    ev("visit_start", at(17, 12), B),
    ev("item_on", at(17, 12, 0, 5), B, "crew-tee"),
    ev("size_advice_shown", at(17, 12, 0, 8), B, "crew-tee", detail="M"),
    ev("item_off", at(17, 12, 0, 25), B, "crew-tee", 20.0),
    ev("visit_end", at(17, 12, 1), B),
    ev("visit_start", at(17, 12, 30), C),
    ev("visit_end", at(17, 12, 31), C),
    ev("visit_start", at(18, 9), "dddddddddddddddd"),
    ev("item_on", at(18, 9, 0, 5), "dddddddddddddddd", "denim-jeans"),
    ev("photo_taken", at(18, 9, 0, 30), "dddddddddddddddd"),
    ev("item_off", at(18, 9, 0, 45), "dddddddddddddddd", "denim-jeans", 40.0),
    ev("visit_end", at(18, 9, 1), "dddddddddddddddd"),
]


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "events.sqlite3"
    with EventStore(path) as store:
        store.add_many(EVENTS)
    return path


def test_summary_by_hand() -> None:
    s = summarize(EVENTS, UTC)
    assert (s.visits, s.visits_with_tryon, s.visits_with_photo, s.visits_with_qr) == (4, 3, 2, 1)
    assert (s.try_ons, s.photos, s.qr_shown, s.size_advice) == (4, 2, 1, 1)
    assert s.per_hour[10] == 2 and s.per_hour[12] == 1 and s.per_hour[9] == 1 and sum(s.per_hour) == 4
    by_item = {i.item: i for i in s.items}
    assert [i.item for i in s.items] == ["crew-tee", "denim-jeans"]  # tie on 2 try-ons: by id
    assert by_item["crew-tee"].avg_seconds == 25.0
    assert by_item["denim-jeans"].avg_seconds == 50.0
    assert by_item["denim-jeans"].in_photo == 2 and by_item["crew-tee"].in_photo == 1


def test_since_filters(db, tmp_path) -> None:
    result = write_report(db, tmp_path / "r.html", since=parse_date("2025-05-18", UTC), tz=UTC)
    assert (result.summary.visits, result.summary.try_ons) == (1, 1)


def test_html_is_self_contained_with_plots_and_numbers(db, tmp_path) -> None:
    out = tmp_path / "r.html"
    result = write_report(db, out, tz=UTC, names={"crew-tee": "크루 티 / Crew tee"})
    page = out.read_text(encoding="utf-8")
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', page)) == 4
    assert "http://" not in page and "https://" not in page  # nothing to fetch: mail it as is
    assert "크루 티 / Crew tee" in page and "denim-jeans" in page
    assert "<div class=v>4</div><div class=k>방문 / Visits</div>" in page
    assert "2 (67%)" in page  # 2 of the 3 visits that tried on took a photo
    assert "<td class=n>25</td>" in page and "<td class=n>50</td>" in page  # average seconds
    assert result.seconds < 20


def test_csv_columns(db, tmp_path) -> None:
    out = tmp_path / "e.csv"
    write_report(db, tmp_path / "r.html", csv_path=out, tz=UTC)
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == len(EVENTS)
    assert rows[5] == {
        "time_utc": "2025-05-17T10:00:40+00:00",
        "time_local": "2025-05-17T10:00:40+00:00",
        "kind": "item_off",
        "visit": A,
        "item": "crew-tee",
        "seconds": "30.0",
        "detail": "",
    }


def test_empty_database(tmp_path) -> None:
    path = tmp_path / "empty.sqlite3"
    EventStore(path).close()
    result = write_report(path, tmp_path / "r.html")
    assert result.summary.visits == 0 and "<img" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_cli_report(db, tmp_path, capsys) -> None:
    out, csv_out = tmp_path / "r.html", tmp_path / "e.csv"
    rc = main(
        ["report", "--db", str(db), "--out", str(out), "--csv", str(csv_out), "--since", "2025-05-17", "--tz", "UTC"]
    )
    assert rc == 0
    said = capsys.readouterr().out
    assert "4 visits, 4 try-ons, 2 photos" in said
    assert out.exists() and csv_out.exists()
    assert "코튼 크루넥 티셔츠" in out.read_text(encoding="utf-8")  # names from the demo catalog


def test_cli_report_on_a_damaged_file(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 500)
    assert main(["report", "--db", str(bad), "--out", str(tmp_path / "r.html")]) == 2
    assert "is damaged" in capsys.readouterr().err
    assert bad.read_bytes() == b"garbage" * 500  # left for the mirror to move aside


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "yesterday"], "not a date"),
        (["--tz", "Mars/Olympus"], "time zone"),
        (["--db", "/nonexistent/x.sqlite3"], "no analytics database"),
    ],
)
def test_cli_report_errors_are_one_line(db, tmp_path, capsys, args, message) -> None:
    argv = ["report", "--out", str(tmp_path / "r.html")]
    if "--db" not in args:
        argv += ["--db", str(db)]
    assert main(argv + args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_simulated_day_is_realistic(tmp_path) -> None:
    root = Path(__file__).resolve().parents[2]
    path = tmp_path / "day.sqlite3"
    subprocess.run(
        [sys.executable, str(root / "tools" / "simulate_day.py"), "--db", str(path)], check=True, capture_output=True
    )
    with EventStore(path) as store:
        events = store.events()
    from zoneinfo import ZoneInfo

    s = summarize(events, ZoneInfo("Asia/Seoul"))
    assert 60 <= s.visits <= 160
    assert 0.1 <= s.rate(s.visits_with_photo, s.visits_with_tryon) <= 0.3  # about one in five
    lunch, afternoon, evening = s.per_hour[12], s.per_hour[15], max(s.per_hour[18], s.per_hour[19])
    assert lunch > afternoon and evening > afternoon
    assert sum(s.per_hour[:10]) == 0 and sum(s.per_hour[23:]) == 0  # closed at night

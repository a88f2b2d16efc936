"""--events FILE: one JSON line per visit event, readable while the mirror still runs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mirror_app.analytics import VisitRecorder
from mirror_app.catalog.loader import load_catalog
from mirror_app.domain import Language
from mirror_app.errors import MirrorError
from mirror_app.share import PhotoShelf
from mirror_app.visit import OrderLinkDesk, TakenPhoto
from mirror_app.visit.journal import EventsFile, JournaledDesk, Sinks
from mirror_app.visit.photo_desk import LanShareDesk
from tests.catalog.builders import make_catalog

from .conftest import FakeClock


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_visit_events_are_written_and_flushed_one_line_each(tmp_path):
    path = tmp_path / "events.jsonl"
    wall = FakeClock(1_700_000_000.0)
    events = EventsFile(path, wall_clock=wall)
    visits = VisitRecorder(events, wall_clock=wall)
    visits.start(0.0)
    visits.outfit_changed(["tee"], 1.0)
    visits.photo_taken()
    # read while the file is still open: every line is there already (flushed at once)
    assert [e["event"] for e in lines(path)] == ["visit_started", "item_worn", "photo_taken"]
    visits.outfit_changed([], 5.5)
    visits.end(6.0)
    events.close()
    got = lines(path)
    assert [e["event"] for e in got] == ["visit_started", "item_worn", "photo_taken", "item_taken_off", "visit_ended"]
    assert got[1]["item"] == "tee" and got[3]["seconds"] == 4.5
    assert {e["visit"] for e in got} == {got[0]["visit"]} and got[0]["time"] == 1_700_000_000.0


def test_a_shared_photo_is_written_with_its_url_and_expiry(tmp_path):
    path = tmp_path / "events.jsonl"
    events = EventsFile(path, wall_clock=FakeClock(1_700_000_000.0))
    catalog = load_catalog(make_catalog(tmp_path / "shop"))
    desk = JournaledDesk(LanShareDesk(PhotoShelf(600), "http://127.0.0.1:8080", lambda: catalog), events)
    handout = desk.hand_out(TakenPhoto(np.zeros((8, 8, 3), np.uint8), (), Language.KO, 0.0))
    (shared,) = lines(path)
    assert shared == {
        "event": "photo_shared",
        "time": 1_700_000_000.0,
        "url": handout.url,
        "expires_at": 1_700_000_600.0,
        "expires_in_s": 600.0,
    }
    # an order link is not a shared photo: nothing is written for it
    JournaledDesk(OrderLinkDesk(), events).hand_out(
        TakenPhoto(np.zeros((8, 8, 3), np.uint8), ("tee",), Language.KO, 0.0)
    )
    assert len(lines(path)) == 1
    events.close()


def test_the_analytics_log_and_the_file_both_get_every_event(tmp_path):
    seen = []

    class Log:
        def log(self, event):
            seen.append(event.kind.value)
            return True

    events = EventsFile(tmp_path / "e.jsonl")
    visits = VisitRecorder(Sinks([Log(), events]))
    visits.start(0.0)
    visits.end(1.0)
    events.close()
    assert seen == ["visit_start", "visit_end"]
    assert [e["event"] for e in lines(tmp_path / "e.jsonl")] == ["visit_started", "visit_ended"]


def test_a_file_that_cannot_be_opened_is_one_clear_error(tmp_path):
    with pytest.raises(MirrorError, match=r"--events .*missing.*cannot open it for writing"):
        EventsFile(tmp_path / "missing" / "events.jsonl")

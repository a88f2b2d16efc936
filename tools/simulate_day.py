"""A simulated shop day of mirror events, for the example report and for trying the report out.

Deterministic for a seed: shoppers arrive by hour (quiet morning, a lunch peak, a bigger
evening peak), try on 1-5 items from the catalog (popular ones more often), sometimes see size
advice, and about one in five takes a photo. Events go through the real ``VisitRecorder``.

    python tools/simulate_day.py --db /tmp/day.sqlite3 [--date 2025-05-17] [--seed 7]
    # the example in docs/ (plots also as PNG files beside it):
    python tools/simulate_day.py --db /tmp/day.sqlite3 --fresh \
        --report docs/report-example.html --plots docs/report-example
"""

from __future__ import annotations

import argparse
import json
import math
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from mirror_app.analytics import Event, EventStore, VisitRecorder

ROOT = Path(__file__).resolve().parent.parent

# Visits per hour of a busy Saturday (mean of a Poisson draw): lunch and after-work peaks.
ARRIVALS = {
    10: 3.0,
    11: 5.5,
    12: 11.0,
    13: 10.0,
    14: 5.5,
    15: 5.0,
    16: 5.5,
    17: 8.0,
    18: 13.0,
    19: 14.0,
    20: 9.5,
    21: 4.0,
}
# How much shoppers like each demo item (unknown items get 3).
POPULARITY = {
    "crew-tee": 9, "denim-jeans": 8, "oxford-shirt-long": 6, "floral-dress": 6, "trench-coat": 5,
    "pleated-skirt": 4, "bucket-hat": 3, "round-glasses": 3, "pearl-necklace": 2,
}  # fmt: skip
# Median seconds an item stays on (a coat or a dress gets looked at longer than glasses).
WORN_MEDIAN_S = {"top": 35, "outerwear": 55, "dress": 60, "bottom": 40, "hat": 18, "glasses": 15, "accessory": 12}
PHOTO_RATE = 0.2  # of visits that tried something on
LOOK_ONLY = 0.2  # visits that only look at themselves (or the attract screen) and walk on
QR_AFTER_PHOTO = 0.65


def load_items(catalog: Path) -> list[dict]:
    items = []
    for path in sorted((catalog / "items").glob("*/item.json")):
        raw = json.loads(path.read_text())
        items.append(
            {
                "id": raw["id"],
                "category": raw["category"],
                "sizes": raw.get("sizes", []),
                "chart": raw.get("size_chart"),
            }
        )
    return items


class ListSink:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def log(self, event: Event) -> bool:
        self.events.append(event)
        return True


def simulate(date: str, seed: int, catalog: Path, tz: ZoneInfo) -> list[Event]:
    rng = np.random.default_rng(seed)
    items = load_items(catalog)
    weights = np.array([POPULARITY.get(it["id"], 3) for it in items], float)
    weights /= weights.sum()
    day = datetime.fromisoformat(date).replace(tzinfo=tz).timestamp()
    sink = ListSink()
    clock = {"now": 0.0}
    recorder = VisitRecorder(sink, wall_clock=lambda: day + clock["now"])
    starts = sorted(
        hour * 3600 + float(rng.uniform(0, 3600)) for hour, lam in ARRIVALS.items() for _ in range(rng.poisson(lam))
    )
    t_free = 0.0  # one mirror: the next shopper waits for the last to leave
    for start in starts:
        t = max(start, t_free)
        clock["now"] = t
        recorder.start(t)
        t += 6  # welcome screen
        outfit: dict[str, str] = {}  # category → item id
        tries = 0 if rng.random() < LOOK_ONLY else min(1 + rng.poisson(1.6), 5)
        for _ in range(tries):
            item = items[int(rng.choice(len(items), p=weights))]
            t += float(rng.uniform(4, 15))  # browsing to it
            clock["now"] = t
            cat = item["category"]
            if cat == "dress":
                outfit.pop("top", None)
                outfit.pop("bottom", None)
            elif cat in ("top", "bottom"):
                outfit.pop("dress", None)
            outfit[cat] = item["id"]
            recorder.outfit_changed(list(outfit.values()), t)
            if item["chart"] and rng.random() < 0.7:
                t += 3
                clock["now"] = t
                if rng.random() < 0.8:
                    size = str(rng.choice(item["sizes"] or ["M"], p=_size_weights(len(item["sizes"] or ["M"]))))
                else:
                    size = None  # "stand still for a moment"
                recorder.size_advice_shown(item["id"], size)
            median = WORN_MEDIAN_S.get(cat, 30)
            t += float(rng.lognormal(math.log(median), 0.5))
            clock["now"] = t
        if outfit and rng.random() < PHOTO_RATE:
            t += 5
            clock["now"] = t
            recorder.photo_taken()
            if rng.random() < QR_AFTER_PHOTO:
                t += 2
                clock["now"] = t
                recorder.qr_shown()
            t += float(rng.uniform(8, 20))
        clock["now"] = t
        recorder.outfit_changed([], t)  # the shopper takes everything off before leaving
        t += 20  # the mirror's idle timeout
        clock["now"] = t
        recorder.end(t)
        t_free = t
    return sink.events


def _size_weights(n: int) -> list[float]:
    bell = np.exp(-0.5 * ((np.arange(n) - (n - 1) / 2) / max(n / 3, 0.5)) ** 2)
    return list(bell / bell.sum())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="SQLite file to write (created if missing)")
    ap.add_argument("--date", default="2025-05-17", help="the day, YYYY-MM-DD (default a Saturday)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--catalog", type=Path, default=ROOT / "catalogs" / "demo")
    ap.add_argument("--tz", default="Asia/Seoul", help="the shop's time zone")
    ap.add_argument("--fresh", action="store_true", help="delete --db first")
    ap.add_argument("--report", type=Path, default=None, help="then write the HTML report here")
    ap.add_argument("--plots", type=Path, default=None, help="and its plots as PNG files in this folder")
    args = ap.parse_args()
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    events = simulate(args.date, args.seed, args.catalog, ZoneInfo(args.tz))
    with EventStore(args.db) as store:
        store.add_many(events)
        total = store.count()
    visits = len({e.visit for e in events})
    print(f"wrote {len(events)} events of {visits} visits to {args.db} ({total} events in it now)")
    if args.report:
        from mirror_app.analytics.report import write_report
        from mirror_app.catalog import load_catalog

        catalog = load_catalog(args.catalog)
        names = {it.id: f"{it.name.ko} / {it.name.en}" for it in catalog.items}
        shop = f"{catalog.manifest.shop.ko} / {catalog.manifest.shop.en}"
        result = write_report(args.db, args.report, names=names, shop=shop, tz=ZoneInfo(args.tz), plots_dir=args.plots)
        print(f"wrote {args.report} in {result.seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

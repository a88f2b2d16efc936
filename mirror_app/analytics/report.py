"""The shop owner's report: numbers from events, four plots, one self-contained HTML file, a CSV.

``summarize`` is pure (events in, numbers out); ``plot_pngs`` draws with matplotlib's Agg
backend; ``render_html`` lays it out in Korean and English; ``write_report`` does all of it.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from .events import Event, EventKind
from .store import EventStore

CSV_COLUMNS = ("time_utc", "time_local", "kind", "visit", "item", "seconds", "detail")


@dataclass(frozen=True)
class ItemStats:
    item: str
    try_ons: int
    visits: int  # visits that tried it on
    seconds_total: float
    seconds_count: int  # try-ons whose end was seen (item_off with seconds)
    in_photo: int  # photos taken while it was worn

    @property
    def avg_seconds(self) -> float | None:
        return self.seconds_total / self.seconds_count if self.seconds_count else None


@dataclass(frozen=True)
class Summary:
    first: float | None  # Unix seconds of the first and last event
    last: float | None
    events: int
    visits: int
    visits_with_tryon: int
    visits_with_photo: int
    visits_with_qr: int
    try_ons: int
    photos: int
    qr_shown: int
    size_advice: int  # advice with a size shown
    size_advice_waiting: int  # "stand still…" and other no-size messages
    per_hour: tuple[int, ...]  # try-ons by local hour of day, 24 values
    items: tuple[ItemStats, ...]  # most tried first

    def rate(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0


def summarize(events: Sequence[Event], tz: tzinfo | None = None) -> Summary:
    """All report numbers from ``events`` (any order); hours are local to ``tz`` (None: system)."""
    ordered = sorted(events, key=lambda e: e.timestamp)
    visits: set[str] = set()
    tried: set[str] = set()
    photo_visits: set[str] = set()
    qr_visits: set[str] = set()
    per_hour = [0] * 24
    try_ons: Counter[str] = Counter()
    item_visits: dict[str, set[str]] = defaultdict(set)
    seconds_total: defaultdict[str, float] = defaultdict(float)
    seconds_count: Counter[str] = Counter()
    in_photo: Counter[str] = Counter()
    worn: dict[str, set[str]] = defaultdict(set)  # visit → items on now
    photos = qr = advice = waiting = 0
    for e in ordered:
        visits.add(e.visit)
        if e.kind is EventKind.ITEM_ON and e.item:
            tried.add(e.visit)
            try_ons[e.item] += 1
            item_visits[e.item].add(e.visit)
            worn[e.visit].add(e.item)
            per_hour[datetime.fromtimestamp(e.timestamp, tz).hour] += 1
        elif e.kind is EventKind.ITEM_OFF and e.item:
            worn[e.visit].discard(e.item)
            if e.seconds is not None:
                seconds_total[e.item] += e.seconds
                seconds_count[e.item] += 1
        elif e.kind is EventKind.PHOTO_TAKEN:
            photos += 1
            photo_visits.add(e.visit)
            for item in worn[e.visit]:
                in_photo[item] += 1
        elif e.kind is EventKind.QR_SHOWN:
            qr += 1
            qr_visits.add(e.visit)
        elif e.kind is EventKind.SIZE_ADVICE_SHOWN:
            if e.detail and e.detail != "none":
                advice += 1
            else:
                waiting += 1
        elif e.kind is EventKind.VISIT_END:
            worn.pop(e.visit, None)
    items = tuple(
        sorted(
            (
                ItemStats(
                    item,
                    n,
                    len(item_visits[item]),
                    float(seconds_total[item]),
                    seconds_count[item],
                    in_photo[item],
                )
                for item, n in try_ons.items()
            ),
            key=lambda s: (-s.try_ons, s.item),
        )
    )
    return Summary(
        first=ordered[0].timestamp if ordered else None,
        last=ordered[-1].timestamp if ordered else None,
        events=len(ordered),
        visits=len(visits),
        visits_with_tryon=len(tried),
        visits_with_photo=len(photo_visits & tried),
        visits_with_qr=len(qr_visits & tried),
        try_ons=sum(try_ons.values()),
        photos=photos,
        qr_shown=qr,
        size_advice=advice,
        size_advice_waiting=waiting,
        per_hour=tuple(per_hour),
        items=items,
    )


# -- plots --------------------------------------------------------------------------------------------
def _font_family() -> list[str]:
    """Register the bundled Korean font with matplotlib once; the family list to use."""
    from matplotlib import font_manager

    from ..resources import fonts_dir

    path = fonts_dir() / "NanumSquareRoundR.ttf"
    if path.exists():
        font_manager.fontManager.addfont(str(path))
        return [font_manager.FontProperties(fname=str(path)).get_name(), "DejaVu Sans"]
    return ["DejaVu Sans"]


def plot_pngs(summary: Summary, names: Mapping[str, str] | None = None, top: int = 10) -> dict[str, bytes]:
    """Four PNG plots by name: top_items, per_hour, funnel, time_worn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = names or {}
    colour, accent = "#3b6ea8", "#e07a3f"
    out: dict[str, bytes] = {}
    with plt.rc_context(
        {"font.family": _font_family(), "font.size": 10, "axes.spines.top": False, "axes.spines.right": False}
    ):

        def save(fig: object, key: str) -> None:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")  # type: ignore[attr-defined]
            plt.close(fig)  # type: ignore[arg-type]
            out[key] = buf.getvalue()

        items = summary.items[:top]
        labels = [names.get(s.item, s.item) for s in items][::-1]
        fig, ax = plt.subplots(figsize=(6.4, 0.42 * max(len(items), 3) + 1.0))
        bars = ax.barh(labels, [s.try_ons for s in items][::-1], color=colour)
        ax.bar_label(bars, padding=3)
        ax.set_xlabel("입어본 횟수 / try-ons")
        ax.set_title("인기 상품 / Top items")
        save(fig, "top_items")

        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        busy = [h for h, n in enumerate(summary.per_hour) if n] or [9, 21]
        hours = range(max(0, busy[0] - 1), min(24, busy[-1] + 2))  # the opening hours, not the night
        ax.bar(list(hours), [summary.per_hour[h] for h in hours], color=colour)
        ax.set_xticks(list(hours))
        ax.set_xlabel("시각 / hour of day")
        ax.set_ylabel("입어본 횟수 / try-ons")
        ax.set_title("시간대별 입어보기 / Try-ons per hour")
        save(fig, "per_hour")

        steps = [
            ("방문 / visits", summary.visits),
            ("입어봄 / tried on", summary.visits_with_tryon),
            ("사진 / photo", summary.visits_with_photo),
            ("QR", summary.visits_with_qr),
        ]
        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        bars = ax.bar([s for s, _ in steps], [n for _, n in steps], color=[colour, colour, accent, accent])
        base = summary.visits_with_tryon
        ax.bar_label(
            bars,
            labels=[f"{n}" if i < 2 else f"{n} ({100 * summary.rate(n, base):.0f}%)" for i, (_, n) in enumerate(steps)],
            padding=3,
        )
        ax.set_ylim(0, max(summary.visits, 1) * 1.18)  # room for the labels under the title
        ax.set_title("입어보기 → 사진 / QR 전환 / Try-on → photo / QR")
        save(fig, "funnel")

        timed = [s for s in summary.items if s.avg_seconds is not None][:top]
        timed.sort(key=lambda s: s.avg_seconds or 0.0)
        fig, ax = plt.subplots(figsize=(6.4, 0.42 * max(len(timed), 3) + 1.0))
        bars = ax.barh([names.get(s.item, s.item) for s in timed], [s.avg_seconds or 0.0 for s in timed], color=accent)
        ax.bar_label(bars, labels=[f"{s.avg_seconds:.0f} s" for s in timed], padding=3)
        ax.set_xlabel("평균 착용 시간(초) / average seconds worn")
        ax.set_title("상품별 평균 착용 시간 / Average time worn")
        save(fig, "time_worn")
    return out


# -- HTML and CSV ---------------------------------------------------------------------------------
def _fmt_time(ts: float | None, tz: tzinfo | None) -> str:
    return datetime.fromtimestamp(ts, tz).strftime("%Y-%m-%d %H:%M") if ts is not None else "–"


def _font_face(text: str) -> str:
    """An @font-face with the bundled Korean font cut down to the characters of ``text``, so the
    report reads right on a computer without Korean fonts and stays small (~40 KB, not 1 MB)."""
    try:
        from fontTools import subset
    except ImportError:  # matplotlib brings fontTools; without it the viewer's fonts must do
        return ""
    from ..resources import fonts_dir

    path = fonts_dir() / "NanumSquareRoundR.ttf"
    if not path.exists():
        return ""
    options = subset.Options()
    options.drop_tables += ["GSUB", "GPOS", "kern"]
    font = subset.load_font(io.BytesIO(path.read_bytes()), options)
    sub = subset.Subsetter(options)
    sub.populate(text="".join(sorted(set(text))))
    sub.subset(font)
    buf = io.BytesIO()
    subset.save_font(font, buf, options)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'@font-face {{ font-family: "MirrorReport"; src: url(data:font/ttf;base64,{data}) format("truetype"); }}'


def render_html(
    summary: Summary,
    pngs: Mapping[str, bytes],
    *,
    shop: str = "Mirror",
    names: Mapping[str, str] | None = None,
    tz: tzinfo | None = None,
    period: str = "",
) -> str:
    """One HTML file with everything inside (plots as base64 PNG): it can be mailed as is."""
    names = names or {}
    e = html.escape

    def img(key: str, alt: str) -> str:
        if key not in pngs:
            return ""
        data = base64.b64encode(pngs[key]).decode("ascii")
        return f'<img alt="{e(alt)}" src="data:image/png;base64,{data}">'

    s = summary
    cards = [
        ("방문 / Visits", f"{s.visits}"),
        ("입어보기 / Try-ons", f"{s.try_ons}"),
        ("사진 / Photos", f"{s.photos} ({100 * s.rate(s.visits_with_photo, s.visits_with_tryon):.0f}%)"),
        ("QR", f"{s.qr_shown} ({100 * s.rate(s.visits_with_qr, s.visits_with_tryon):.0f}%)"),
        ("사이즈 추천 / Size advice", f"{s.size_advice}"),
    ]
    rows = "\n".join(
        "<tr>"
        f"<td>{e(names.get(it.item, it.item))}</td><td><code>{e(it.item)}</code></td>"
        f"<td class=n>{it.try_ons}</td><td class=n>{it.visits}</td>"
        f"<td class=n>{'' if it.avg_seconds is None else f'{it.avg_seconds:.0f}'}</td>"
        f"<td class=n>{it.in_photo}</td>"
        f"<td class=n>{100 * s.rate(it.in_photo, it.visits):.0f}%</td>"
        "</tr>"
        for it in s.items
    )
    card_html = "".join(f"<div class=card><div class=v>{e(v)}</div><div class=k>{e(k)}</div></div>" for k, v in cards)
    generated = datetime.now(tz).strftime("%Y-%m-%d %H:%M")
    page = f"""<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(shop)} — 미러 리포트 / Mirror report</title>
<style>
@@FONT@@
body {{ font-family: "MirrorReport", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", sans-serif;
  max-width: 980px; margin: 24px auto; padding: 0 16px; color: #222; }}
h1 {{ margin-bottom: 4px; }} .sub {{ color: #666; margin-top: 0; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 12px; margin: 18px 0; }}
.card {{ border: 1px solid #ddd; border-radius: 8px; padding: 10px 16px; min-width: 140px; }}
.card .v {{ font-size: 26px; font-weight: bold; }} .card .k {{ color: #555; font-size: 13px; }}
.plots {{ display: grid; grid-template-columns: 1fr; gap: 16px; }}
.plots img {{ max-width: 100%; border: 1px solid #eee; border-radius: 6px; }}
table {{ border-collapse: collapse; width: 100%; margin-top: 12px; font-size: 14px; }}
th, td {{ border-bottom: 1px solid #e5e5e5; padding: 6px 8px; text-align: left; }}
td.n, th.n {{ text-align: right; }}
.note {{ color: #777; font-size: 12px; margin-top: 24px; }}
</style></head><body>
<h1>{e(shop)} — 미러 리포트 / Mirror report</h1>
<p class=sub>{e(period or f"{_fmt_time(s.first, tz)} – {_fmt_time(s.last, tz)}")}</p>
<div class=cards>{card_html}</div>
<div class=plots>
{img("top_items", "Top items")}
{img("per_hour", "Try-ons per hour of day")}
{img("funnel", "Try-on to photo and QR conversion")}
{img("time_worn", "Average time worn per item")}
</div>
<h2>상품별 / Per item</h2>
<table><thead><tr><th>상품 / Item</th><th>ID</th><th class=n>입어보기 / Try-ons</th><th class=n>방문 / Visits</th>
<th class=n>평균 착용(초) / Avg s worn</th><th class=n>사진 / In photos</th><th class=n>사진 전환 / Photo rate</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p class=note>익명 기록만 사용합니다: 사진, 얼굴, 신체 치수는 저장하지 않아요. /
Anonymous events only: no pictures, faces or body measurements are stored.
방문 {s.visits}회, 이벤트 {s.events}개 / {s.visits} visits, {s.events} events. 생성 / generated {generated}.</p>
</body></html>
"""
    visible = re.sub(r"<[^>]+>|data:[^\"]+", "", page)  # the words on the page, not the markup
    return page.replace("@@FONT@@", _font_face(visible), 1)


def write_csv(events: Sequence[Event], path: Path, tz: tzinfo | None = None) -> int:
    """Every event as one CSV row (``CSV_COLUMNS``); returns the number of rows."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        for ev in events:
            w.writerow(
                [
                    datetime.fromtimestamp(ev.timestamp, UTC).isoformat(timespec="seconds"),
                    datetime.fromtimestamp(ev.timestamp, tz).isoformat(timespec="seconds"),
                    ev.kind.value,
                    ev.visit,
                    ev.item or "",
                    "" if ev.seconds is None else f"{ev.seconds:.1f}",
                    ev.detail or "",
                ]
            )
    return len(events)


@dataclass(frozen=True)
class ReportResult:
    summary: Summary
    html_path: Path
    csv_path: Path | None
    seconds: float


def parse_date(text: str, tz: tzinfo | None = None) -> float:
    """``YYYY-MM-DD`` (local midnight) or an ISO date-time → Unix seconds."""
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2025-03-01 or 2025-03-01T12:00") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz) if tz is not None else dt.astimezone()
    return dt.timestamp()


def write_report(
    db: Path,
    out: Path,
    *,
    since: float | None = None,
    until: float | None = None,
    csv_path: Path | None = None,
    names: Mapping[str, str] | None = None,
    shop: str = "Mirror",
    tz: tzinfo | None = None,
    plots_dir: Path | None = None,
) -> ReportResult:
    """Read ``db`` (read-only: a running mirror keeps writing), write the HTML (and CSV)."""
    t0 = time.perf_counter()
    with EventStore(db, read_only=True) as store:
        events = store.events(since, until)
    summary = summarize(events, tz)
    pngs = plot_pngs(summary, names)
    if plots_dir is not None:
        plots_dir.mkdir(parents=True, exist_ok=True)
        for key, data in pngs.items():
            (plots_dir / f"{key}.png").write_bytes(data)
    period = ""
    if since is not None:
        period = f"{_fmt_time(since, tz)} – {_fmt_time(until if until is not None else summary.last, tz)}"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(summary, pngs, shop=shop, names=names, tz=tz, period=period), encoding="utf-8")
    if csv_path is not None:
        write_csv(events, csv_path, tz)
    return ReportResult(summary, out, csv_path, time.perf_counter() - t0)

"""Issue 13: all 38 real product photos of media/tryon/garments through `catalog import`, each
item worn on the real people of media/tryon/people with the try-on tests' wear checks.

What must hold: most photos become items that look worn (pass on most standing people); every
photo that does not is refused or flagged ("check these") with its reason; none is imported,
unflagged and wrong (a silent failure); every refusal says why and what to do; imports are quick.
A failure lists every photo with its outcome, so the message is the report.
"""

from __future__ import annotations

import json
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from mirror_app.catalog import load_catalog
from mirror_app.catalog.importer import Imported, import_photo
from mirror_app.catalog.starter import new_catalog
from mirror_app.domain import Category
from mirror_app.overlay import OutfitRenderer
from mirror_app.overlay.wear_check import WEAR_LIMITS, body_regions, wear_report
from tests.overlay.conftest import people, tryon_media  # noqa: F401 - fixtures shared with the try-on tests

pytestmark = [pytest.mark.model, pytest.mark.slow, pytest.mark.timeout(1800)]

SEATED = ("cat_jbeeq301271a.jpg",)  # as in tests/overlay/test_wear_real_people.py
PASS_SHARE = 0.6  # of the standing people, per garment (the try-on tests' rule)
GOOD_SHARE = 0.9  # of the photos: imported and worn well
MAX_CPU_S = 2.0  # median CPU seconds per photo (all threads): the wall time on an idle 2-core PC


@dataclass(frozen=True)
class Outcome:
    photo: str
    category: str
    imported: Imported
    cpu_s: float
    passed: int = 0
    tried: int = 0
    failures: tuple[str, ...] = ()

    @property
    def worn_well(self) -> bool:
        return self.tried > 0 and self.passed >= PASS_SHARE * self.tried

    @property
    def flagged(self) -> bool:
        return bool(self.imported.review)

    def line(self) -> str:
        i = self.imported
        if not i.ok:
            return f"{self.photo} ({self.category}): refused: {i.reason}; fix: {i.fix}"
        state = "worn well" if self.worn_well else "NOT worn well"
        flags = "; ".join(str(r) for r in i.review) or "not flagged"
        first = f" (e.g. {self.failures[0]})" if self.failures and not self.worn_well else ""
        return f"{self.photo} ({self.category}): {state} on {self.passed}/{self.tried}{first}; {flags}"


@pytest.fixture(scope="module")
def outcomes(tryon_media: Path, people, tmp_path_factory: pytest.TempPathFactory) -> list[Outcome]:  # noqa: F811
    garments = tryon_media / "garments"
    labels: dict[str, str] = json.loads((garments / "labels.json").read_text())
    assert len(labels) == 38
    shop = tmp_path_factory.mktemp("real") / "shop"
    new_catalog(shop)
    for child in (shop / "items").iterdir():
        shutil.rmtree(child)
    done: list[tuple[str, Imported, float]] = []
    taken: set[str] = set()
    for name in sorted(labels):
        start = time.process_time()
        out = import_photo(garments / name, Category(labels[name]), shop, taken=taken)
        done.append((name, out, time.process_time() - start))
        if out.item_id:
            taken.add(out.item_id)
    items = {it.id: it for it in load_catalog(shop).items}
    renderer = OutfitRenderer()
    standing = [p for p in people if p.name not in SEATED]
    result = []
    for name, out, cpu in done:
        if not out.ok:
            result.append(Outcome(name, labels[name], out, cpu))
            continue
        assert out.item_id in items, f"{name}: imported as {out.item_id} but the catalog does not load it"
        garment = items[out.item_id].garment()
        passed, failures = 0, []
        for person in standing:
            regions = body_regions(person.pose, person.mask, person.wh)
            prepared = renderer.prepare(person.pose, [garment], person.wh, person_mask=person.mask)
            report = wear_report(regions, prepared.alpha(), garment.category, garment.fit)
            if report.passed(WEAR_LIMITS):
                passed += 1
            else:
                failures.append(f"{person.name}: {', '.join(report.failures(WEAR_LIMITS))}")
        result.append(Outcome(name, labels[name], out, cpu, passed, len(standing), tuple(failures)))
    return result


def _table(outcomes: list[Outcome]) -> str:
    return "\n".join(o.line() for o in outcomes)


def test_every_refusal_says_why_and_what_to_do(outcomes):
    for o in outcomes:
        if not o.imported.ok:
            reason, fix = o.imported.reason or "", o.imported.fix or ""
            assert len(reason) > 15 and len(fix) > 15, o.line()
            assert "developers" not in fix, f"an import that fails inside Mirror is not the owner's problem: {o.line()}"


def test_flags_name_their_subject_and_fix(outcomes):
    for o in outcomes:
        for note in o.imported.review:
            assert note.subject and len(note.reason) > 15 and len(note.fix) > 15, o.line()


def test_white_and_grey_garments_are_no_longer_lost(outcomes):
    """The photos the colour-only cut-out lost or refused (white or grey garments, white stripes
    and prints; see the closing note): each now imports with its cut-out matching the garment."""
    lost_before = {
        "cat_dress_24047235_54199143.jpg",  # white knit dress: only its chevrons were kept
        "cat_upper_21514384_52353349.jpg",  # grey cardigan: only its green band
        "dc_048769_1.jpg",  # zebra cami: refused, "looks like a shadow"
        "dc_050105_1.jpg",  # white tee on beige: only its print
        "dc_051517_1.jpg",  # white trousers, black flowers: refused, "came out in 5 pieces"
        "dc_053790_1.jpg",  # black dress, white studs: refused, "too close to the background"
        "idm_04743_00.jpg",  # white tee: only its cartoon
        "idm_09133_00.jpg",  # white tank: refused, 7 pieces
        "idm_09166_00.jpg",  # white tee: refused, 3 pieces
        "idm_09256_00.jpg",  # leopard-print top: refused, "looks like a shadow"
        "idm_09266_00.jpg",  # black and white stripes: the white stripes were lost
        "idm_14673_00.jpg",  # grey tank: refused, "too close to the background"
    }
    mine = [o for o in outcomes if o.photo in lost_before]
    assert len(mine) == len(lost_before)
    bad = [o for o in mine if not o.imported.ok or any(n.subject == "cut-out" for n in o.imported.review)]
    assert len(bad) <= 1, _table(bad)


def test_imports_are_quick(outcomes):
    cpu = [o.cpu_s for o in outcomes]
    assert statistics.median(cpu) <= MAX_CPU_S, f"median {statistics.median(cpu):.2f} s, worst {max(cpu):.2f} s"


@pytest.mark.xfail(
    reason="issue 13 is open here: 20 of 38 imports pass the wear checks and 11 fail them unflagged, "
    "each with a whole cut-out (anchor and fit problems); the failure message lists every photo",
    strict=False,
)
def test_most_photos_are_worn_well_and_none_fails_silently(outcomes):
    good = [o for o in outcomes if o.imported.ok and o.worn_well]
    silent = [o for o in outcomes if o.imported.ok and not o.worn_well and not o.flagged]
    assert not silent, f"{len(silent)} silent failure(s):\n{_table(silent)}\n\nall:\n{_table(outcomes)}"
    assert len(good) >= GOOD_SHARE * len(outcomes), f"{len(good)}/{len(outcomes)} worn well:\n{_table(outcomes)}"

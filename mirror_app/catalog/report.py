"""What ``mirror-app catalog validate`` says: each problem with file, item and fix, then a summary.

Problems make an item unusable (the mirror skips it; exit 1). Notes are things an owner likely
wants to finish but that do not stop the item from showing (exit 0): a price of 0, which an
import leaves until the owner sets it, and names not yet translated. Checks are the import's
"check these" list kept in each item (exit 0): anchors it was unsure of, or could not place.
"""

from __future__ import annotations

import re

from .model import Catalog, Problem

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def catalog_notes(catalog: Catalog) -> list[Problem]:
    """Things to finish that do not stop an item from showing."""
    notes = []
    for it in catalog.items:
        rel = f"items/{it.folder.name}/item.json"
        if it.price == 0:
            notes.append(Problem(rel, "price is 0", 'set the price (catalog edit, or "price" in item.json)', it.id))
        if it.name.ko == it.name.en and not _HANGUL.search(it.name.ko):
            notes.append(
                Problem(
                    rel,
                    f'the Korean name is the same as the English one ("{it.name.en}")',
                    "write the Korean name (catalog edit, or name.ko in item.json)",
                    it.id,
                )
            )
    return notes


def review_checks(catalog: Catalog) -> list[Problem]:
    """The import's "check these" notes of every item (uncertain or missing anchors, a doubtful
    cut-out): the item shows, but the owner should look at these in the editor."""
    checks = []
    for it in catalog.items:
        rel = f"items/{it.folder.name}/item.json"
        for n in it.review:
            checks.append(Problem(rel, f"{n.subject.replace('_', ' ')}: {n.reason}", n.fix, it.id))
    return checks


def _block(label: str, p: Problem) -> list[str]:
    where = p.file + (f"  (item {p.item})" if p.item else "")
    return [f"{label} {where}", f"    {p.message}", f"    fix: {p.fix}"]


def validate_report(catalog: Catalog) -> tuple[list[str], int]:
    """Lines to print and the exit code (0 clean or notes only, 1 any problem)."""
    lines = [f"Checking {catalog.folder} ({catalog.manifest.shop.en})", ""]
    for p in catalog.problems:
        lines += _block("PROBLEM", p)
    notes = catalog_notes(catalog)
    for n in notes:
        lines += _block("NOTE   ", n)
    checks = review_checks(catalog)
    for c in checks:
        lines += _block("CHECK  ", c)
    if catalog.problems or notes or checks:
        lines.append("")
    skipped = catalog.skipped
    summary = f"{len(catalog.items)} item(s) ready"
    if skipped:
        summary += f", {len(skipped)} skipped by the mirror ({', '.join(skipped)})"
    if catalog.problems:
        summary += f"; {len(catalog.problems)} problem(s) to fix"
    if notes:
        summary += f"; {len(notes)} note(s)"
    if checks:
        summary += f"; {len(checks)} thing(s) to check from the import"
    if catalog.problems:
        lines.append(f"NOT OK: {summary}. Fix the problems above and run validate again.")
        return lines, 1
    lines.append(f"OK: {summary}.")
    return lines, 0

"""The one way Mirror reads a catalog folder: checks everything, keeps what is valid.

Catalogs are outside data (shop owners edit them by hand), so every path is confined to the
catalog folder, every file and image is size-checked before it is parsed or decoded, and every
problem becomes a ``Problem`` naming the file, the item and the fix. A bad item is skipped;
it never stops the others from loading.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

from ..domain import Category, Fit
from ..errors import CatalogError
from ..overlay.categories import ANCHOR_NAMES, CATEGORY_SPECS
from . import review
from .model import LANGUAGES, Catalog, Item, Manifest, Problem, SizeChart, Text, Variant
from .review import ReviewNote

MANIFEST = "catalog.json"
ITEM_FILE = "item.json"
ITEMS_DIR = "items"
FORMAT_VERSION = 1

MAX_JSON_BYTES = 256 * 1024
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_SIDE = 4096
MIN_IMAGE_SIDE = 16
MAX_NAME_CHARS = 80
MAX_TEXT_CHARS = 300
MAX_PRICE = 100_000_000
MAX_ITEMS = 500
MAX_LIST = 50
IMAGE_FORMATS = {"PNG", "WEBP"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

MANIFEST_KEYS = {"format", "shop", "currency", "promotion", "qr_url_template", "size_charts"}
ITEM_KEYS = {
    "id",
    "sku",
    "category",
    "name",
    "price",
    "sizes",
    "size_chart",
    "image",
    "anchors",
    "fit",
    "variants",
    "tags",
    "review",
}
ITEM_REQUIRED = ("id", "category", "name", "price", "image", "anchors")
VARIANT_KEYS = {"id", "name", "image"}
MEASUREMENTS = {"shoulder", "chest", "waist", "hip", "inseam", "height"}


class _Bad(Exception):  # noqa: N818 - a private signal, never seen outside this module
    """One problem found; carries the message and the fix."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message, self.fix = message, fix


def did_you_mean(word: str, choices: set[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def read_json(path: Path) -> Any:
    """Parse a small JSON file; a problem raises _Bad with a plain-language message."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _Bad(f"cannot read the file ({exc.strerror})", "check the file exists and is readable") from None
    if size > MAX_JSON_BYTES:
        raise _Bad(f"file is too large ({size:,} bytes; at most {MAX_JSON_BYTES:,})", "keep only the documented keys")
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Bad("file is not UTF-8 text", "save it as UTF-8 in your editor") from None
    except OSError as exc:
        raise _Bad(f"cannot read the file ({exc.strerror})", "check the file permissions") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            "look for a missing comma, quote or bracket there",
        ) from None


def safe_child(root: Path, relative: str, what: str) -> Path:
    """``root / relative`` if it stays inside ``root`` (no absolute paths, ``..`` or symlinks out)."""
    if not isinstance(relative, str) or not relative.strip():
        raise _Bad(f"{what} must be a file name", f'write a file name such as "image.png" for {what}')
    if "\x00" in relative or len(relative) > 255:
        raise _Bad(f"{what} is not a valid file name", "use a short file name with letters, digits, - and .")
    candidate = Path(relative)
    if candidate.is_absolute() or relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relative):
        raise _Bad(f'{what} "{relative}" is an absolute path', "put the file in the item folder and give only its name")
    if ".." in candidate.parts or "\\" in relative:
        raise _Bad(
            f'{what} "{relative}" points outside the item folder',
            "put the file in the item folder and give only its name",
        )
    path = root / candidate
    try:
        resolved = path.resolve(strict=False)
        root_resolved = root.resolve(strict=False)
    except (OSError, RuntimeError):
        raise _Bad(f'{what} "{relative}" cannot be resolved', "replace links with the real file") from None
    if root_resolved != resolved and root_resolved not in resolved.parents:
        raise _Bad(
            f'{what} "{relative}" is a link to a file outside the catalog', "copy the real file into the item folder"
        )
    return path


def load_image_rgba(path: Path, *, need_alpha: bool = True) -> npt.NDArray[np.uint8]:
    """Decode a PNG/WebP after checking its size (decompression bombs are refused unread)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _Bad(
            f'image "{path.name}" is missing', f'add "{path.name}" to the item folder or fix the "image" name'
        ) from None
    except OSError as exc:
        raise _Bad(f'image "{path.name}" cannot be read ({exc.strerror})', "check the file permissions") from None
    if not path.is_file():
        raise _Bad(f'image "{path.name}" is not a file', "give the name of a PNG file")
    if size > MAX_IMAGE_BYTES:
        raise _Bad(
            f"image is too large ({size / 1e6:.1f} MB; at most {MAX_IMAGE_BYTES // 1_000_000} MB)",
            f"resize it to at most {MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE} pixels and save as PNG",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                fmt, (w, h) = img.format, img.size
                if fmt not in IMAGE_FORMATS:
                    raise _Bad(
                        f"image format {fmt or 'unknown'} is not supported",
                        "export the picture as PNG with a transparent background",
                    )
                if w > MAX_IMAGE_SIDE or h > MAX_IMAGE_SIDE:
                    raise _Bad(
                        f"image is {w}×{h} pixels (at most {MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE})",
                        f"resize it to at most {MAX_IMAGE_SIDE} pixels on its longer side",
                    )
                if w < MIN_IMAGE_SIDE or h < MIN_IMAGE_SIDE:
                    raise _Bad(f"image is only {w}×{h} pixels", "use a picture at least 300 pixels tall")
                has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
                img.load()
                rgba = np.asarray(img.convert("RGBA"), dtype=np.uint8).copy()
    except _Bad:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = f" ({int(found.group(1)):,} pixels)" if found else ""
        raise _Bad(
            f"image claims an enormous size{pixels}", f"resize it to at most {MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE} pixels"
        ) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise _Bad(f"image cannot be decoded ({exc})", "re-export the picture as PNG") from None
    if need_alpha:
        alpha = rgba[..., 3]
        if not has_alpha or alpha.min() > 250:
            raise _Bad(
                "image has no transparent background",
                "remove the background (mirror-app catalog import does this) and save as PNG with transparency",
            )
        if alpha.max() < 8:
            raise _Bad("image is fully transparent", "export the picture again with the garment visible")
    return rgba


def _text(value: Any, what: str, limit: int) -> Text:
    if isinstance(value, str):
        value = {"ko": value, "en": value}
    if not isinstance(value, dict):
        raise _Bad(f'{what} must be {{"ko": …, "en": …}}', f'write {what} as {{"ko": "…", "en": "…"}}')
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        key = sorted(unknown)[0]
        raise _Bad(f'{what} has an unknown language "{key}"', 'use "ko" and "en"')
    out = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise _Bad(f'{what} has no "{lang}" text', f'add "{lang}": "…" to {what}')
        if len(text) > limit:
            raise _Bad(f'{what} "{lang}" is {len(text)} characters long (at most {limit})', "shorten it")
        out[lang] = text.strip()
    return Text(**out)


def _unknown_keys(data: dict[str, Any], allowed: set[str], what: str) -> None:
    for key in data:
        if key not in allowed:
            raise _Bad(f'unknown key "{key}" in {what}{did_you_mean(key, allowed)}', f'rename or remove "{key}"')


def parse_manifest(data: Any) -> Manifest:
    if not isinstance(data, dict):
        raise _Bad("the manifest must be a JSON object {…}", "start from mirror-app catalog new")
    _unknown_keys(data, MANIFEST_KEYS, "catalog.json")
    fmt = data.get("format")
    if fmt != FORMAT_VERSION:
        raise _Bad(f"format is {fmt!r}, this Mirror reads format {FORMAT_VERSION}", f'set "format": {FORMAT_VERSION}')
    shop = _text(data.get("shop"), '"shop"', MAX_NAME_CHARS)
    currency = data.get("currency", "KRW")
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
        raise _Bad(f"currency {currency!r} is not a 3-letter code", 'use e.g. "KRW"')
    promotion = _text(data["promotion"], '"promotion"', MAX_TEXT_CHARS) if data.get("promotion") else None
    template = data.get("qr_url_template")
    if template is not None:
        if not isinstance(template, str) or not re.match(r"^https?://", template) or len(template) > 500:
            raise _Bad("qr_url_template must be a web address starting with http:// or https://", "fix the link")
        try:
            template.format(item_ids="a")
        except (KeyError, IndexError, ValueError):
            raise _Bad("qr_url_template may only use {item_ids}", "remove other {…} fields from the link") from None
    charts = {}
    raw_charts = data.get("size_charts", {})
    if not isinstance(raw_charts, dict):
        raise _Bad("size_charts must be an object", 'write "size_charts": {"tops": {…}}')
    for name, chart in raw_charts.items():
        charts[name] = _size_chart(name, chart)
    return Manifest(shop, currency, promotion, template, charts, fmt)


def _size_chart(name: str, chart: Any) -> SizeChart:
    where = f'size chart "{name}"'
    if not isinstance(chart, dict) or not isinstance(chart.get("sizes"), dict) or not chart["sizes"]:
        raise _Bad(f"{where} has no sizes", 'write {"unit": "cm", "sizes": {"M": {"chest": [90, 98]}}}')
    _unknown_keys(chart, {"unit", "sizes"}, where)
    unit = chart.get("unit", "cm")
    if unit not in ("cm", "in"):
        raise _Bad(f'{where} unit "{unit}" is not cm or in', 'use "cm"')
    sizes: dict[str, dict[str, tuple[float, float]]] = {}
    for size, ranges in chart["sizes"].items():
        if not isinstance(ranges, dict):
            raise _Bad(f"{where} size {size} must map measurements to [min, max]", 'write {"chest": [90, 98]}')
        sizes[size] = {}
        for measure, rng in ranges.items():
            if measure not in MEASUREMENTS:
                raise _Bad(
                    f'{where} size {size}: unknown measurement "{measure}"{did_you_mean(measure, MEASUREMENTS)}',
                    f"use one of {', '.join(sorted(MEASUREMENTS))}",
                )
            ok = isinstance(rng, list) and len(rng) == 2 and all(_number(v) for v in rng)
            if not ok or not 0 < rng[0] <= rng[1] < 400:
                raise _Bad(
                    f"{where} size {size} {measure} must be [min, max] with 0 < min ≤ max", "write e.g. [90, 98]"
                )
            sizes[size][measure] = (float(rng[0]), float(rng[1]))
    return SizeChart(name, unit, sizes)


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _anchors(raw: Any, category: Category, wh: tuple[int, int]) -> dict[str, tuple[float, float]]:
    spec = CATEGORY_SPECS[category]
    if not isinstance(raw, dict):
        raise _Bad("anchors must be an object of name: [x, y]", 'write "anchors": {"neck": [210, 48], …}')
    allowed = set(spec.allowed)
    anchors: dict[str, tuple[float, float]] = {}
    w, h = wh
    for name, xy in raw.items():
        if name not in ANCHOR_NAMES:
            raise _Bad(
                f'unknown anchor "{name}"{did_you_mean(name, ANCHOR_NAMES)}', "use the anchor names in docs/catalog.md"
            )
        if name not in allowed:
            raise _Bad(
                f'anchor "{name}" does not apply to a {category.value}',
                f'remove "{name}" (a {category.value} uses {", ".join(spec.allowed)})',
            )
        if not (isinstance(xy, list) and len(xy) == 2 and all(_number(v) for v in xy)):
            raise _Bad(f'anchor "{name}" must be [x, y] numbers', f'write "{name}": [x, y] in image pixels')
        x, y = float(xy[0]), float(xy[1])
        if not (0 <= x <= w and 0 <= y <= h):
            raise _Bad(
                f'anchor "{name}" at [{x:g}, {y:g}] is outside the {w}×{h} image',
                "drag it onto the picture in mirror-app catalog edit",
            )
        anchors[name] = (x, y)
    missing = [n for n in spec.required if n not in anchors]
    if missing:
        raise _Bad(
            f"a {category.value} needs the anchors {', '.join(missing)}",
            "add them (mirror-app catalog edit lets you place them)",
        )
    if len(anchors) < max(spec.min_anchors, 1):
        raise _Bad(f"a {category.value} needs at least {spec.min_anchors} anchors", "place two or more body points")
    _check_order(anchors)
    return anchors


def check_anchors(raw: Any, category: Category, wh: tuple[int, int]) -> Problem | None:
    """The first problem with a set of anchors for ``category`` on a ``wh`` image, if any."""
    try:
        _anchors(raw, category, wh)
    except _Bad as bad:
        return Problem(ITEM_FILE, bad.message, bad.fix)
    return None


# (a, b, test, wording): body logic every garment image must respect.
_ORDER_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("left_shoulder", "right_shoulder", "x>", "the wearer's left shoulder must be on the right of the picture"),
    ("left_hip", "right_hip", "x>", "the wearer's left hip must be on the right of the picture"),
    ("left_knee", "right_knee", "x>", "the wearer's left knee must be on the right of the picture"),
    ("left_ankle", "right_ankle", "x>", "the wearer's left ankle must be on the right of the picture"),
    ("left_eye", "right_eye", "x>", "the wearer's left eye must be on the right of the picture"),
    ("left_ear", "right_ear", "x>", "the wearer's left ear must be on the right of the picture"),
    ("left_temple", "right_temple", "x>", "the wearer's left temple must be on the right of the picture"),
    ("left_hip", "left_shoulder", "y>", "hips must be below shoulders"),
    ("right_hip", "right_shoulder", "y>", "hips must be below shoulders"),
    ("left_hip", "neck", "y>", "hips must be below the neck"),
    ("left_knee", "left_hip", "y>", "knees must be below hips"),
    ("right_knee", "right_hip", "y>", "knees must be below hips"),
    ("left_ankle", "left_knee", "y>", "ankles must be below knees"),
    ("right_ankle", "right_knee", "y>", "ankles must be below knees"),
    ("crotch", "left_hip", "y>", "the crotch must be below the hips"),
)


def _check_order(a: dict[str, tuple[float, float]]) -> None:
    for p, q, test, wording in _ORDER_RULES:
        if p in a and q in a:
            axis = 0 if test[0] == "x" else 1
            if not a[p][axis] > a[q][axis]:
                raise _Bad(
                    f"anchors {p} and {q} are in an impossible order: {wording}",
                    "swap or move them in mirror-app catalog edit",
                )


def _string_list(value: Any, what: str, limit: int = 32) -> tuple[str, ...]:
    if value is None:
        return ()
    if (
        not isinstance(value, list)
        or len(value) > MAX_LIST
        or not all(isinstance(v, str) and 0 < len(v) <= limit for v in value)
    ):
        raise _Bad(f"{what} must be a list of short texts", f'write e.g. "{what}": ["S", "M", "L"]')
    return tuple(value)


def _review(value: Any) -> tuple[ReviewNote, ...]:
    try:
        return review.from_json(value)
    except review.ReviewFormatError as exc:
        raise _Bad(str(exc), 'remove "review" (catalog import writes it again) or fix the note') from None


def parse_item(folder: Path, catalog_root: Path, data: Any, manifest: Manifest | None) -> Item:
    if not isinstance(data, dict):
        raise _Bad("item.json must be a JSON object {…}", "start from an item made by mirror-app catalog new")
    _unknown_keys(data, ITEM_KEYS, "item.json")
    for key in ITEM_REQUIRED:
        if key not in data:
            raise _Bad(f'"{key}" is missing', f'add "{key}" (see docs/catalog.md)')
    item_id = data["id"]
    if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
        raise _Bad(f"id {item_id!r} is not valid", "use 1–64 lowercase letters, digits and dashes, e.g. linen-shirt")
    raw_cat = data["category"]
    try:
        category = Category(raw_cat)
    except ValueError:
        names = tuple(c.value for c in Category)
        raise _Bad(
            f'unknown category "{raw_cat}"{did_you_mean(str(raw_cat), names)}', f"use one of {', '.join(names)}"
        ) from None
    name = _text(data["name"], '"name"', MAX_NAME_CHARS)
    price = data["price"]
    if not (isinstance(price, int) and not isinstance(price, bool)) or not 0 <= price <= MAX_PRICE:
        raise _Bad(
            f"price {price!r} is not a whole number from 0 to {MAX_PRICE:,}",
            'write the price without commas or currency, e.g. "price": 39000',
        )
    sku = data.get("sku")
    if sku is not None and (not isinstance(sku, str) or len(sku) > 64):
        raise _Bad("sku must be a text of at most 64 characters", "shorten it")
    fit_text = data.get("fit", Fit.LEGS.value)
    if fit_text not in {f.value for f in Fit} or (fit_text != Fit.LEGS and category is not Category.BOTTOM):
        raise _Bad(f'fit "{fit_text}" is not valid for a {category.value}', 'use "legs" or "skirt" on bottoms only')
    fit = Fit(fit_text)
    size_chart = data.get("size_chart")
    if size_chart is not None and (manifest is None or size_chart not in manifest.size_charts):
        known = set(manifest.size_charts) if manifest else set()
        raise _Bad(
            f'size chart "{size_chart}" is not in catalog.json{did_you_mean(str(size_chart), known)}',
            "add it to size_charts or remove it",
        )
    image_file = data["image"]
    rgba = load_image_rgba(safe_child(folder, image_file, '"image"'), need_alpha=True)
    h, w = rgba.shape[:2]
    anchors = _anchors(data["anchors"], category, (w, h))
    variants = []
    raw_variants = data.get("variants") or []
    if not isinstance(raw_variants, list) or len(raw_variants) > 20:
        raise _Bad("variants must be a list (at most 20)", 'write "variants": [{"id": …, "name": …, "image": …}]')
    for v in raw_variants:
        if not isinstance(v, dict):
            raise _Bad("each variant must be an object", 'write {"id": "navy", "name": {…}, "image": "image-navy.png"}')
        _unknown_keys(v, VARIANT_KEYS, "a variant")
        vid = v.get("id")
        if not isinstance(vid, str) or not ID_PATTERN.match(vid):
            raise _Bad(f"variant id {vid!r} is not valid", "use lowercase letters, digits and dashes")
        vrgba = load_image_rgba(safe_child(folder, v.get("image", ""), f'variant "{vid}" image'))
        if vrgba.shape != rgba.shape:
            raise _Bad(
                f'variant "{vid}" image is {vrgba.shape[1]}×{vrgba.shape[0]}, not {w}×{h} like the main image',
                "export the variant at the same size",
            )
        variants.append(Variant(vid, _text(v.get("name"), f'variant "{vid}" name', MAX_NAME_CHARS), vrgba))
    return Item(
        id=item_id,
        category=category,
        name=name,
        price=price,
        rgba=rgba,
        anchors=anchors,
        folder=folder,
        image_file=image_file,
        sku=sku,
        sizes=_string_list(data.get("sizes"), "sizes", 8),
        size_chart=size_chart,
        fit=fit,
        variants=tuple(variants),
        tags=_string_list(data.get("tags"), "tags"),
        review=_review(data.get("review")),
    )


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def load_item(root: Path, sub: Path, manifest: Manifest | None) -> Item | Problem:
    """One item folder of the catalog at ``root``: the item, or the first problem with it."""
    rel = _relative(sub / ITEM_FILE, root)
    if sub.is_symlink() or not sub.is_dir():
        return Problem(
            _relative(sub, root),
            "not an item folder",
            "keep only item folders (real folders, not links) in items/",
            sub.name,
        )
    item_json = sub / ITEM_FILE
    if not item_json.exists():
        return Problem(rel, "item.json is missing", "add item.json or remove the folder", sub.name)
    try:
        safe_child(sub, ITEM_FILE, "item.json")
        return parse_item(sub, root, read_json(item_json), manifest)
    except _Bad as bad:
        return Problem(rel, bad.message, bad.fix, sub.name)


def load_manifest(root: Path) -> Manifest | Problem:
    """The catalog's manifest, or the problem with it."""
    try:
        return parse_manifest(read_json(root / MANIFEST))
    except _Bad as bad:
        return Problem(MANIFEST, bad.message, bad.fix)


def load_catalog(folder: Path | str) -> Catalog:
    """Read a catalog; raises CatalogError only when the folder itself is unusable."""
    root = Path(folder)
    if not root.exists():
        raise CatalogError(f"catalog folder not found: {root}; create one with `mirror-app catalog new {root}`")
    if not root.is_dir():
        raise CatalogError(f"catalog path is not a folder: {root}; give the folder that holds catalog.json")
    problems: list[Problem] = []
    manifest_path = root / MANIFEST
    manifest: Manifest | None = None
    if not manifest_path.exists():
        raise CatalogError(
            f"no {MANIFEST} in {root}; is this a catalog folder? Create one with `mirror-app catalog new`"
        )
    try:
        manifest = parse_manifest(read_json(manifest_path))
    except _Bad as bad:
        problems.append(Problem(MANIFEST, bad.message, bad.fix))
        manifest = Manifest(shop=Text(root.name, root.name))
    items_dir = root / ITEMS_DIR
    items: list[Item] = []
    seen_ids: dict[str, str] = {}
    folders = sorted(p for p in items_dir.iterdir()) if items_dir.is_dir() else []
    if not folders:
        problems.append(
            Problem(ITEMS_DIR + "/", "the catalog has no items", "add item folders (mirror-app catalog import)")
        )
    for sub in folders[:MAX_ITEMS]:
        rel = _relative(sub / ITEM_FILE, root)
        if sub.name.startswith("."):
            continue
        loaded = load_item(root, sub, manifest)
        if isinstance(loaded, Problem):
            problems.append(loaded)
            continue
        item = loaded
        if item.id in seen_ids:
            problems.append(
                Problem(
                    rel,
                    f'duplicate id "{item.id}" (also in {seen_ids[item.id]})',
                    "give each item its own id",
                    sub.name,
                )
            )
            continue
        seen_ids[item.id] = rel
        items.append(item)
    if len(folders) > MAX_ITEMS:
        problems.append(
            Problem(ITEMS_DIR + "/", f"{len(folders)} items; only the first {MAX_ITEMS} are read", "split the catalog")
        )
    return Catalog(root, manifest, tuple(items), tuple(problems))

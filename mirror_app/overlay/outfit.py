"""An outfit drawn on a person: items layered by category, sleeves above the body layer,
the shopper's arms above garments.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit
from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose
from .body_outline import BodyOutline, body_outline, outline_moved
from .body_points import BodyPoints, body_points
from .categories import CATEGORY_SPECS
from .composite import composite_premultiplied
from .cover import Cover, make_cover
from .garment import Garment
from .light import LightField, camera_noise, camera_softness, extra_blur
from .occlusion import Occluder, arm_occluder
from .resample import shrink
from .rig import GarmentRig
from .skin import skin_over
from .warp import WarpedLayer, warp_piece, warp_rigid

U8Image = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class DrawnItem:
    item_id: str
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1 of the frame pixels it changed


BEHIND_BODY_M = 0.12  # a wrist this far behind the hips (MediaPipe's world z) is behind the body


def arms_behind(
    pose: Pose,
    frame_wh: tuple[int, int] | None = None,
    person_mask: npt.NDArray[np.floating] | None = None,
    skin: U8Image | None = None,
) -> frozenset[str]:
    """The arms ("left_arm", "right_arm") whose forearm is behind the body: their sleeves are
    drawn under the garment's body. Either the model's depth says so, or a bare arm's forearm
    (skin at the upper arm) runs over clothes: the hand is behind the back, not on the belly."""
    out = set()
    xy = pose.xy.astype(np.float64)
    world = pose.world_xyz
    hips_z = float(world[[L.LEFT_HIP, L.RIGHT_HIP], 2].mean()) if world is not None else None
    for side, sh, el, wr in (
        ("left", L.LEFT_SHOULDER, L.LEFT_ELBOW, L.LEFT_WRIST),
        ("right", L.RIGHT_SHOULDER, L.RIGHT_ELBOW, L.RIGHT_WRIST),
    ):
        if world is not None and hips_z is not None and float(world[wr, 2]) > hips_z + BEHIND_BODY_M:
            out.add(f"{side}_arm")
            continue
        if skin is None or person_mask is None or frame_wh is None:
            continue
        upper_bare, _ = _bare_along(skin, person_mask, frame_wh, xy[sh], xy[el], 0.35, 0.9)
        fore_bare, fore_inside = _bare_along(skin, person_mask, frame_wh, xy[el], xy[wr], 0.55, 1.0)
        if upper_bare > 0.6 and fore_inside > 0.8 and fore_bare < 0.15:
            out.add(f"{side}_arm")
    return frozenset(out)


def _bare_along(
    skin: U8Image,
    person_mask: npt.NDArray[np.floating],
    frame_wh: tuple[int, int],
    a: npt.NDArray[np.float64],
    b: npt.NDArray[np.float64],
    t0: float,
    t1: float,
) -> tuple[float, float]:
    """Along a–b (from t0 to t1 of it): the share of skin, and of the person's mask."""
    pts = a + (b - a) * np.linspace(t0, t1, 12)[:, None]

    def at(img: npt.NDArray[np.generic]) -> npt.NDArray[np.float64]:
        mh, mw = img.shape[:2]
        ix = np.clip((pts[:, 0] * mw / frame_wh[0]).astype(int), 0, mw - 1)
        iy = np.clip((pts[:, 1] * mh / frame_wh[1]).astype(int), 0, mh - 1)
        return np.asarray(img[iy, ix], np.float64)

    inside = at(np.asarray(person_mask)) > 0.5
    bare = (at(skin) > 0) & inside
    return float(bare.mean()), float(inside.mean())


def _as_list(layer: WarpedLayer | None) -> list[WarpedLayer]:
    return [] if layer is None else [layer]


def layer_order(garments: Sequence[Garment]) -> list[Garment]:
    """Bottoms under dresses under tops under outerwear under accessories, glasses, hats."""
    return sorted(garments, key=lambda g: CATEGORY_SPECS[g.category].layer)


@dataclass
class _Drawn:
    """The last warp of one garment: reused while the body has moved less than a fraction of a pixel."""

    points: npt.NDArray[np.float64]
    frame_wh: tuple[int, int]
    layers: list[WarpedLayer]


class OutfitRenderer:
    """Draws outfits; keeps each garment's rig (mesh and weights) so it is built once, and its
    last warp so a still shopper costs only the compositing."""

    REUSE_BELOW_PX = 0.35
    MAX_RIGS = 16  # rigs hold mip levels (a few MB each): keep the recently worn ones only

    def __init__(self) -> None:
        self._rigs: OrderedDict[int, GarmentRig] = OrderedDict()
        self._last: dict[tuple[int, int], _Drawn] = {}  # (garment, piece) → its last warp
        self.reused = 0  # warps skipped because the body had not moved (for benchmarks)
        self._body: _BodyState | None = None  # the last outline read, kept while the body is still
        self._lit: dict[int, tuple[tuple[object, ...], WarpedLayer]] = {}  # patch id → (light key, lit layer)
        self._camera = _CameraState()
        self._field: LightField | None = None
        self._deformed: dict[int, tuple[BodyOutline, npt.NDArray[np.float32], list[npt.NDArray[np.float64]]]] = {}
        self._last_cover: _CoverState | None = None
        self._last_occluders: (
            tuple[BodyOutline, npt.NDArray[np.float32], tuple[Occluder | None, Occluder | None]] | None
        ) = None

    def rig(self, garment: Garment) -> GarmentRig:
        key = id(garment)
        rig = self._rigs.get(key)
        if rig is None or rig.garment is not garment:
            rig = GarmentRig.build(garment)
            self._rigs[key] = rig
        self._rigs.move_to_end(key)
        while len(self._rigs) > self.MAX_RIGS:
            old, _ = self._rigs.popitem(last=False)
            for k in [k for k in self._last if k[0] == old]:
                del self._last[k]
            self._deformed.pop(old, None)
        return rig

    def warp(
        self,
        garment: Garment,
        body: BodyPoints,
        outline: BodyOutline,
        frame_wh: tuple[int, int],
        behind: frozenset[str] = frozenset(),
    ) -> list[WarpedLayer]:
        """The garment's layers for this body, in drawing order: a sleeve whose arm is behind the
        body (``behind``: "left_arm", "right_arm") goes under the body's fabric. Each piece is
        re-warped only if it moved."""
        rig = self.rig(garment)
        if rig.rigid:
            m = rig.rigid_transform(body)
            h, w = garment.rgba.shape[:2]
            corners = np.array([[0, 0], [w, 0], [0, h], [w, h]], dtype=np.float64) @ m[:, :2].T + m[:, 2]
            return self._reuse_or((id(garment), 0), corners, frame_wh, lambda: warp_rigid(rig, m, frame_wh))
        under: list[WarpedLayer] = []
        layers: list[WarpedLayer] = []
        for i, points in enumerate(self._deform(rig, garment, body, outline)):

            def draw(i: int = i, points: npt.NDArray[np.float64] = points) -> list[WarpedLayer]:
                return _as_list(warp_piece(rig, i, points, frame_wh))

            moved_by = points[rig.pieces[i].used]  # only this piece's own vertices decide
            drawn = self._reuse_or((id(garment), i), moved_by, frame_wh, draw)
            (under if rig.pieces[i].name in behind else layers).extend(drawn)
        return under + layers

    def _deform(
        self, rig: GarmentRig, garment: Garment, body: BodyPoints, outline: BodyOutline
    ) -> list[npt.NDArray[np.float64]]:
        """The rig's vertices on this body; the last ones while the outline is the same and the
        joints have not moved."""
        xy = np.array([body[n] for n in ("left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
                                          "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee",
                                          "right_knee", "left_ankle", "right_ankle")], np.float32)  # fmt: skip
        last = self._deformed.get(id(garment))
        if last is not None and last[0] is outline and float(np.abs(last[1] - xy).max()) < self.STILL_PX:
            return last[2]
        points = rig.deform(body, outline)
        self._deformed[id(garment)] = (outline, xy, points)
        return points

    def _reuse_or(
        self,
        key: tuple[int, int],
        points: npt.NDArray[np.float64],
        frame_wh: tuple[int, int],
        draw: Callable[[], list[WarpedLayer]],
    ) -> list[WarpedLayer]:
        last = self._last.get(key)
        if (
            last is not None
            and last.frame_wh == frame_wh
            and last.points.shape == points.shape
            and float(np.abs(last.points - points).max()) < self.REUSE_BELOW_PX
        ):
            self.reused += 1
            return last.layers
        layers = draw()
        self._last[key] = _Drawn(points, frame_wh, layers)
        return layers

    def prepare(
        self,
        pose: Pose,
        garments: Sequence[Garment],
        frame_wh: tuple[int, int],
        *,
        person_mask: npt.NDArray[np.float32] | None = None,
        frame_rgb: U8Image | None = None,
    ) -> PreparedOutfit:
        """The warped layers of an outfit for a pose and the shopper's mask (float (h, w) in
        [0, 1] over the whole frame, only the shopper; its outline shapes the fit). ``frame_rgb``,
        the frame the pose was found in, tells bare arms and hands from clothes (optional). Done
        once per tracking result, off the display path; compositing reads the newest frame."""
        body = body_points(pose, frame_wh)
        outline, behind = self._outline(pose, body, frame_wh, person_mask, frame_rgb)
        items = tuple((g.item_id, tuple(self.warp(g, body, outline, frame_wh, behind))) for g in layer_order(garments))
        raw = items
        lit = False
        cover = None
        has_pixels = any(layers for _id, layers in items)
        if frame_rgb is not None and frame_rgb.shape[1::-1] == tuple(frame_wh) and has_pixels:
            items = self._light(items, frame_rgb, person_mask, outline.span)
            lit = True
            cover = self._cover(frame_rgb, person_mask, pose, body, outline, tuple(garments), items)
            occluders = self._occluders(pose, body, outline, frame_rgb)
        else:
            occluders = None
        return PreparedOutfit(pose, body, frame_wh, tuple(garments), items, outline, lit, raw, cover, occluders)

    def _occluders(
        self, pose: Pose, body: BodyPoints, outline: BodyOutline, frame_rgb: U8Image
    ) -> tuple[Occluder | None, Occluder | None]:
        """The forearms in front of the body (for bottoms; for the rest, only above the hips), cut
        from the frame the pose came from: off the display path, the last ones while still."""
        last = self._last_occluders
        if last is not None and last[0] is outline and float(np.abs(last[1] - pose.xy).max()) < self.STILL_PX:
            return last[2]
        every = arm_occluder(pose, body, outline, frame_rgb)
        above = arm_occluder(pose, body, outline, frame_rgb, above_hips=True) if every is not None else None
        self._last_occluders = (outline, pose.xy.copy(), (every, above))
        return every, above

    COVER_SHIFT_PX = 2.5  # a body whose joints all moved by one shift (within this) keeps the last cover, shifted
    COVER_EVERY = 3  # and the cover is read again at least every this many moving frames

    def _cover(
        self,
        frame_rgb: U8Image,
        person_mask: npt.NDArray[np.float32] | None,
        pose: Pose,
        body: BodyPoints,
        outline: BodyOutline,
        garments: tuple[Garment, ...],
        items: tuple[tuple[str, tuple[WarpedLayer, ...]], ...],
    ) -> Cover | None:
        """What hides the shopper's own clothes round the outfit: the last one while the outline
        and every lit layer are the same (a still shopper), or shifted with a body that moved as
        a whole by a few pixels (read again every few frames)."""
        if person_mask is None:
            return None
        ids = tuple(g.item_id for g in garments)
        wh = (frame_rgb.shape[1], frame_rgb.shape[0])
        key = (id(outline), tuple(id(layer.patch) for _i, layers in items for layer in layers))
        last = self._last_cover
        if last is not None and last.ids == ids and last.frame_wh == wh:
            if last.key == key:
                return last.given
            moved = (pose.xy - last.xy).astype(np.float64)
            shift = np.median(moved, axis=0)
            if (
                last.age < self.COVER_EVERY
                and float(np.abs(moved - shift).max()) < self.COVER_SHIFT_PX
                and float(np.abs(shift).max()) < 0.1 * outline.span
            ):
                given = None if last.cover is None else last.cover.moved(round(shift[0]), round(shift[1]))
                self._last_cover = _CoverState(ids, wh, key, last.xy, last.cover, given, last.age + 1)
                return given
        cover = make_cover(frame_rgb, person_mask, pose, body, outline, garments, items)
        self._last_cover = _CoverState(ids, wh, key, pose.xy.copy(), cover, cover, 0)
        return cover

    STILL_PX = 0.3  # landmarks moving less than this keep the last outline (no re-measuring)
    OUTLINE_DEAD_BAND_PX = 1.0  # an outline read again that moved less than this keeps the last

    def _outline(
        self,
        pose: Pose,
        body: BodyPoints,
        frame_wh: tuple[int, int],
        person_mask: npt.NDArray[np.float32] | None,
        frame_rgb: U8Image | None,
    ) -> tuple[BodyOutline, frozenset[str]]:
        """The body's outline: read from the mask, or the last one while the body is still and the
        mask unchanged; a new reading within a pixel of the last keeps the last (no shimmer)."""
        thumb = _thumb(person_mask)
        last = self._body
        if last is not None and last.matches(pose, frame_wh, thumb, self.STILL_PX):
            return last.outline, last.behind
        skin = None
        if person_mask is not None and frame_rgb is not None and frame_rgb.shape[1::-1] == tuple(frame_wh):
            skin = skin_over(frame_rgb, pose)
        outline = body_outline(body, frame_wh, person_mask, skin)
        behind = arms_behind(pose, frame_wh, person_mask, skin)
        if (
            last is not None
            and last.frame_wh == frame_wh
            and outline_moved(last.outline, outline) < self.OUTLINE_DEAD_BAND_PX
        ):
            outline = last.outline
        self._body = _BodyState(pose.xy.copy(), frame_wh, thumb, outline, behind)
        return outline, behind

    def _light(
        self,
        items: tuple[tuple[str, tuple[WarpedLayer, ...]], ...],
        frame_rgb: U8Image,
        person_mask: npt.NDArray[np.float32] | None,
        span: float,
    ) -> tuple[tuple[str, tuple[WarpedLayer, ...]], ...]:
        """Each layer lit by the frame's light (exposure, cast, body shading), with the camera's
        noise and softness; a layer whose pixels and light have not changed keeps its lit copy."""
        boxes = np.array([layer.bbox for _id, layers in items for layer in layers])
        box = (int(boxes[:, 0].min()), int(boxes[:, 1].min()), int(boxes[:, 2].max()), int(boxes[:, 3].max()))
        camera = self._camera.update(frame_rgb, box)
        field = LightField.measure(frame_rgb, box, person_mask, span, camera.noise, self._field)
        self._field = field
        key = (field.key, camera.blur)
        fresh: dict[int, tuple[tuple[object, ...], WarpedLayer]] = {}
        out = []
        for item_id, layers in items:
            lit_layers = []
            for layer in layers:
                cached = self._lit.get(id(layer.patch))
                if cached is not None and cached[0] == key:
                    lit_layer = cached[1]
                else:
                    patch = field.apply(layer.patch, layer.x0, layer.y0)
                    if camera.blur >= 0.3:
                        patch = cv2.GaussianBlur(patch, (0, 0), camera.blur)
                    lit_layer = WarpedLayer(patch, layer.x0, layer.y0, layer.arms)
                fresh[id(layer.patch)] = (key, lit_layer)
                lit_layers.append(lit_layer)
            out.append((item_id, tuple(lit_layers)))
        self._lit = fresh
        return tuple(out)

    def render(
        self,
        canvas_rgb: U8Image,
        pose: Pose,
        garments: Sequence[Garment],
        *,
        person_mask: npt.NDArray[np.float32] | None = None,
        occlusion: bool = True,
        opacity: float = 1.0,
    ) -> list[DrawnItem]:
        """Draw ``garments`` on ``canvas_rgb`` (H, W, 3) in place for the person at ``pose``."""
        h, w = canvas_rgb.shape[:2]
        prepared = self.prepare(pose, garments, (w, h), person_mask=person_mask, frame_rgb=canvas_rgb)
        return composite_outfit(canvas_rgb, prepared, person_mask=person_mask, occlusion=occlusion, opacity=opacity)


@dataclass(frozen=True, eq=False)
class PreparedOutfit:
    """An outfit warped for one pose, ready to be composited on any frame of that size."""

    pose: Pose
    body: BodyPoints
    frame_wh: tuple[int, int]
    garments: tuple[Garment, ...]
    items: tuple[tuple[str, tuple[WarpedLayer, ...]], ...]  # (item id, layers) in drawing order
    outline: BodyOutline | None = None
    lit: bool = False  # the layers already carry the light of the frame they were prepared from
    unlit: tuple[tuple[str, tuple[WarpedLayer, ...]], ...] | None = None  # the same layers before lighting
    cover: Cover | None = None  # drawn under the outfit: hides the shopper's own clothes round it
    occluders: tuple[Occluder | None, Occluder | None] | None = None  # (for bottoms, for the rest), cut at prepare

    def alpha(self, item_id: str | None = None) -> npt.NDArray[np.float32]:
        """Coverage (h, w) float32 in [0, 1] of the outfit (or one item) on the frame, before
        occlusion: what the wear checks measure."""
        w, h = self.frame_wh
        out = np.zeros((h, w), np.float32)
        for iid, layers in self.items:
            if item_id is not None and iid != item_id:
                continue
            for layer in layers:
                x0, y0, x1, y1 = layer.bbox
                cx0, cy0, cx1, cy1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
                if cx1 <= cx0 or cy1 <= cy0:
                    continue
                a = layer.patch[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0, 3].astype(np.float32) / 255.0
                roi = out[cy0:cy1, cx0:cx1]
                roi += a * (1.0 - roi)
        return out


def composite_outfit(
    canvas_rgb: U8Image,
    prepared: PreparedOutfit,
    *,
    person_mask: npt.NDArray[np.float32] | None = None,
    occlusion: bool = True,
    opacity: float = 1.0,
    light: bool = True,
    relight: bool = False,
) -> list[DrawnItem]:
    """Composite a prepared outfit on ``canvas_rgb`` (the untouched frame) in place, lit by the
    light of the frame it was prepared from (or, ``relight`` or when prepared without a frame,
    of this one) and shaded by the shopper's body, with the camera's noise; a forearm or hand
    crossing in front of the body stays in front."""
    h, w = canvas_rgb.shape[:2]
    if (w, h) != prepared.frame_wh:
        return []
    boxes = [layer.bbox for _id, layers in prepared.items for layer in layers]
    if not boxes:
        return []
    b = np.array(boxes)
    box = (int(b[:, 0].min()), int(b[:, 1].min()), int(b[:, 2].max()), int(b[:, 3].max()))
    outline = prepared.outline
    # The canvas still holds the untouched frame here: light, skin and noise are read from it.
    # Bottoms: every hand in front of them; tops, dresses, coats: only hands above the hips (a
    # hand in a trouser pocket is under a coat hanging over it).
    occluders: dict[bool, Occluder | None] = {False: None, True: None}
    if occlusion and prepared.occluders is not None and not relight:
        occluders[False], occluders[True] = prepared.occluders
    elif occlusion and outline is not None:
        occluders[False] = arm_occluder(prepared.pose, prepared.body, outline, canvas_rgb)
        if occluders[False] is not None:
            occluders[True] = arm_occluder(prepared.pose, prepared.body, outline, canvas_rgb, above_hips=True)
    upper = {g.item_id for g in prepared.garments if g.category is not Category.BOTTOM}
    items = prepared.items
    if relight and prepared.unlit is not None:
        items = prepared.unlit
    lit = None
    if light and (relight or not prepared.lit):
        span = outline.span if outline is not None else prepared.body.scale
        lit = LightField.measure(canvas_rgb, box, person_mask, span, camera_noise(canvas_rgb))
    drawn: list[DrawnItem] = []
    cover = prepared.cover
    covered: list[tuple[int, int, int, int]] = []
    for piece in cover.layers if cover is not None else ():
        done = composite_premultiplied(canvas_rgb, piece.patch, piece.x0, piece.y0, opacity=opacity)
        if done is not None:
            covered.append(done)
    for item_id, layers in items:
        changed = []
        for layer in layers:
            patch = lit.apply(layer.patch, layer.x0, layer.y0) if lit is not None else layer.patch
            keep = None
            occluder = occluders[item_id in upper]
            ph, pw = layer.patch.shape[:2]
            if occluder is not None and not layer.arms:
                keep = occluder.keep_for(layer.x0, layer.y0, pw, ph)
            if cover is not None and item_id not in upper:
                own = cover.keep_for(layer.x0, layer.y0, pw, ph)
                if own is not None:
                    keep = own if keep is None else cv2.min(keep, own)
            done = composite_premultiplied(canvas_rgb, patch, layer.x0, layer.y0, keep=keep, opacity=opacity)
            if done is not None:
                changed.append(done)
        if changed:
            c = np.array(changed)
            drawn.append(
                DrawnItem(item_id, (int(c[:, 0].min()), int(c[:, 1].min()), int(c[:, 2].max()), int(c[:, 3].max())))
            )
    if covered:
        # The cover changes pixels for the body garments: they count in the first one's box.
        served = [g.item_id for g in layer_order(prepared.garments) if _covered_for(g)]
        if served:
            cb = np.array(covered)
            box = (int(cb[:, 0].min()), int(cb[:, 1].min()), int(cb[:, 2].max()), int(cb[:, 3].max()))
            for k, d in enumerate(drawn):
                if d.item_id == served[0]:
                    ob = d.bbox
                    drawn[k] = DrawnItem(
                        d.item_id, (min(ob[0], box[0]), min(ob[1], box[1]), max(ob[2], box[2]), max(ob[3], box[3]))
                    )
                    break
            else:
                drawn.append(DrawnItem(served[0], box))
    return drawn


def _covered_for(g: Garment) -> bool:
    """Garments the cover hides the shopper's own clothes for: tops, dresses, coats, trousers."""
    return g.category in (Category.TOP, Category.OUTERWEAR, Category.DRESS) or (
        g.category is Category.BOTTOM and g.fit is Fit.LEGS
    )


def _thumb(mask: npt.NDArray[np.float32] | None) -> npt.NDArray[np.float32] | None:
    return None if mask is None else np.asarray(shrink(np.asarray(mask, np.float32), (24, 32)), np.float32)


@dataclass(frozen=True, eq=False)
class _BodyState:
    xy: npt.NDArray[np.float32]
    frame_wh: tuple[int, int]
    thumb: npt.NDArray[np.float32] | None
    outline: BodyOutline
    behind: frozenset[str]

    def matches(
        self, pose: Pose, frame_wh: tuple[int, int], thumb: npt.NDArray[np.float32] | None, still_px: float
    ) -> bool:
        if frame_wh != self.frame_wh or (thumb is None) != (self.thumb is None):
            return False
        if float(np.abs(pose.xy - self.xy).max()) >= still_px:
            return False
        return thumb is None or self.thumb is None or float(np.abs(thumb - self.thumb).mean()) < 0.01


@dataclass(frozen=True, eq=False)
class _CoverState:
    ids: tuple[str, ...]
    frame_wh: tuple[int, int]
    key: tuple[object, ...]
    xy: npt.NDArray[np.float32]  # the landmarks the cover was read at
    cover: Cover | None
    given: Cover | None  # the cover as last given out (shifted)
    age: int  # prepares since it was read


class _CameraState:
    """The camera's noise and softness: properties of the camera, measured every few frames."""

    EVERY = 30

    def __init__(self) -> None:
        self.count = 0
        self.noise = 0.0
        self.blur = 0.0

    def update(self, frame_rgb: U8Image, box: tuple[int, int, int, int]) -> _CameraState:
        if self.count % self.EVERY == 0:
            self.noise = camera_noise(frame_rgb)
            self.blur = round(extra_blur(camera_softness(frame_rgb, box)) * 4) / 4
        self.count += 1
        return self

"""The room's light on a garment, so it looks photographed by the same camera as the shopper.

A product photo is lit evenly and shot sharp and clean; the mirror's camera sees a dim, warm shop
through a soft lens with noise. Four things carry over, all cheap:

- **Exposure and colour cast**: the scene's white point (the brightest percent of a small copy of
  the frame, per channel) against a well-exposed white. A half-bright scene halves the garment; a
  warm light warms it.
- **Shading from the shopper's own body**: the low-frequency luminance of the body under the
  garment (blurred within the person's mask, in log space, so prints and seams of the shopper's
  own clothes wash out), normalised to its median and softened, multiplied in: light from one
  side, a darker waist, shadow under the arms.
- **Camera noise**: its level measured on the frame (Immerkær's estimator, median form), added as
  multiplicative noise that changes every frame.
- **Softness**: the lens's blur measured at the frame's strongest edges; the warped garment is
  blurred by what it lacks (in ``prepare``, off the display path).

All functions are pure: arrays in, small frozen results out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from .resample import shrink

U8Image = npt.NDArray[np.uint8]
F32 = npt.NDArray[np.float32]

STUDIO_WHITE = 240.0  # a well exposed white, 8-bit
LOW_RES = 8  # the light is measured on a frame this many times smaller
SHADE_GAMMA = 0.8  # how much of the body's relative shading carries to the garment
SHADE_RANGE = (0.5, 1.4)
ALBEDO_STEP = 0.08  # a log-luminance step per low-res pixel steeper than this is a change of material
SHADE_SIGMA = 0.1  # blur of the body's luminance, × shoulder span
GAIN_RANGE = (0.08, 1.1)
CAST_RED_BLUE = (0.7, 1.6)  # red / blue of the light: cool daylight to warm tungsten
CAST_GREEN = (0.95, 1.04)
NOISE_MAX = 12.0
GARMENT_SOFTNESS = 0.5  # blur (px) the warp itself already gives


@dataclass(frozen=True)
class SceneLight:
    """Per-channel gain (scene white / studio white) and the camera's noise level (8-bit σ)."""

    gain: tuple[float, float, float]
    noise: float

    @staticmethod
    def neutral() -> SceneLight:
        return SceneLight((1.0, 1.0, 1.0), 0.0)


def scene_light(frame_rgb: U8Image, noise: float | None = None) -> SceneLight:
    """The scene's exposure and colour cast, and the camera's noise (measured when not given),
    from one frame."""
    small = frame_rgb[LOW_RES // 2 :: LOW_RES, LOW_RES // 2 :: LOW_RES]  # a sample is enough for a white point
    px = small.reshape(-1, 3).astype(np.float32)
    luma = px @ np.array([0.299, 0.587, 0.114], np.float32)
    k = max(0, int(0.99 * (len(luma) - 1)))
    bright = px[luma >= np.partition(luma, k)[k]]
    white = bright.mean(axis=0) if len(bright) else px.max(axis=0)
    level = float(white @ np.array([0.299, 0.587, 0.114], np.float32))
    exposure = float(np.clip(level / STUDIO_WHITE, *GAIN_RANGE))
    # The brightest things may be coloured (a purple shirt on a grey backdrop): only casts a
    # light can have are kept, warm to cool (red against blue), hardly any green or magenta.
    cast = white / max(level, 1e-6)
    rb = float(np.clip(cast[0] / max(cast[2], 1e-6), *CAST_RED_BLUE))
    g = float(np.clip(cast[1], *CAST_GREEN))
    r, b = math.sqrt(rb), 1.0 / math.sqrt(rb)
    norm = 0.299 * r + 0.587 * g + 0.114 * b
    gain = np.array([r, g, b]) / norm * exposure
    sigma = camera_noise(frame_rgb) if noise is None else noise
    return SceneLight((float(gain[0]), float(gain[1]), float(gain[2])), sigma)


def camera_noise(frame_rgb: U8Image, crop: int = 192) -> float:
    """Noise σ of one channel (8-bit levels): Immerkær's Laplacian-difference filter on the green
    channel of a central crop, median form so edges do not count as noise."""
    h, w = frame_rgb.shape[:2]
    cy, cx = h // 2, w // 2
    y0, x0 = max(0, cy - crop), max(0, cx - crop)
    grey = np.ascontiguousarray(frame_rgb[y0 : cy + crop, x0 : cx + crop, 1])
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    response = np.abs(cv2.filter2D(grey.astype(np.float32), -1, kernel)[1:-1, 1:-1])
    if response.size == 0:
        return 0.0
    sigma = 1.4826 * float(np.median(response)) / 6.0
    return float(min(sigma, NOISE_MAX))


def camera_softness(frame_rgb: U8Image, box: tuple[int, int, int, int] | None = None) -> float:
    """The lens's blur σ in pixels, from the steepest edges: a step of contrast C blurred by σ has
    a gradient peak of C / (σ √(2π))."""
    h, w = frame_rgb.shape[:2]
    x0, y0, x1, y1 = box if box is not None else (0, 0, w, h)
    grey = cv2.cvtColor(np.ascontiguousarray(frame_rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY).astype(np.float32)
    if min(grey.shape) < 16:
        return GARMENT_SOFTNESS
    if grey.size > 600_000:  # a strided crop is enough for a camera property
        grey = grey[: 1 + (grey.shape[0] // 2) * 2, : 1 + (grey.shape[1] // 2) * 2]
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    mag = np.sqrt(gx * gx + gy * gy)
    k = np.ones((7, 7), np.uint8)
    contrast = cv2.dilate(grey, k) - cv2.erode(grey, k)
    strong = mag >= max(np.percentile(mag, 99.5), 4.0)
    strong &= contrast > 40
    if strong.sum() < 20:
        return GARMENT_SOFTNESS
    sigma = contrast[strong] / (mag[strong] * math.sqrt(2 * math.pi))
    # A 3×3 Sobel already spreads a perfect step over about 0.8 px.
    return float(np.clip(np.median(sigma) - 0.3, 0.3, 4.0))


def extra_blur(softness: float) -> float:
    """How much to blur a warped garment so it is as soft as the camera's picture."""
    return math.sqrt(max(softness * softness - GARMENT_SOFTNESS * GARMENT_SOFTNESS, 0.0))


def shading(
    frame_rgb: U8Image,
    box: tuple[int, int, int, int],
    person_mask: npt.NDArray[np.floating] | None,
    span: float,
) -> F32:
    """The body's relative shading over ``box`` (x0, y0, x1, y1), at 1/LOW_RES resolution:
    float32 (h, w), 1.0 at the body's median light."""
    x0, y0, x1, y1 = box
    fh, fw = frame_rgb.shape[:2]
    sw, sh = max(1, (x1 - x0) // LOW_RES), max(1, (y1 - y0) // LOW_RES)
    # Every other pixel, then averaged: the same low frequencies for a quarter of the reading.
    roi = shrink(frame_rgb[y0:y1, x0:x1], (sw, sh))
    luma = np.log(cv2.cvtColor(roi, cv2.COLOR_RGB2GRAY).astype(np.float32) + 8.0)
    if person_mask is not None:
        mh, mw = person_mask.shape[:2]
        mx0, my0 = int(x0 * mw / fw), int(y0 * mh / fh)
        mx1, my1 = max(mx0 + 1, math.ceil(x1 * mw / fw)), max(my0 + 1, math.ceil(y1 * mh / fh))
        weight = np.asarray(shrink(np.asarray(person_mask[my0:my1, mx0:mx1], np.float32), (sw, sh)), np.float32)
        weight = np.clip(weight, 0.0, 1.0)
    else:
        weight = np.ones((sh, sw), np.float32)
    inside = weight > 0.5
    if inside.sum() < 8:
        return np.ones((sh, sw), np.float32)
    flat = _without_albedo(luma, inside)
    sigma = max(1.0, SHADE_SIGMA * span / LOW_RES)
    num = cv2.GaussianBlur(flat * weight, (0, 0), sigma)
    den = cv2.GaussianBlur(weight, (0, 0), sigma)
    smooth = num / np.maximum(den, 1e-3)
    # Light from one side: clothes are nearly mirror-symmetric, so the body's left half against
    # its right half says how the light falls across it (the retinex above keeps only part of so
    # gentle a slope). The across-body trend is taken from there, the rest from the retinex.
    xs = np.broadcast_to(np.arange(sw, dtype=np.float32)[None, :], (sh, sw))
    slope = _mirror_slope(luma, inside, xs)
    if slope is not None:
        xc = float(xs[inside].mean())
        own = float(np.polyfit(xs[inside], smooth[inside], 1)[0])
        smooth = smooth + (slope - own) * (xs - xc)
    ref = float(np.median(smooth[inside]))
    shade = np.exp(SHADE_GAMMA * (smooth - ref))
    out: F32 = np.clip(shade, *SHADE_RANGE).astype(np.float32)
    return out


def _mirror_slope(luma: F32, inside: npt.NDArray[np.bool_], xs: npt.NDArray[np.float32]) -> float | None:
    """The across-body slope of log luminance, comparing each pixel with its mirror image about
    the body's middle (symmetric clothes cancel out, the light's slope does not)."""
    rows, cols = np.nonzero(inside)
    if len(cols) < 8:
        return None
    xc = float(cols.mean())
    mirror = np.round(2 * xc - cols).astype(int)
    ok = (mirror >= 0) & (mirror < inside.shape[1]) & (cols > xc + 0.5)
    ok[ok] &= inside[rows[ok], mirror[ok]]
    if ok.sum() < 4:
        return None
    d = cols[ok] - mirror[ok]
    diff = luma[rows[ok], cols[ok]] - luma[rows[ok], mirror[ok]]
    return float(np.median(diff / np.maximum(d, 1)))


def _without_albedo(log_luma: F32, inside: npt.NDArray[np.bool_]) -> F32:
    """Retinex: keep the gentle gradients of log luminance (light), drop the steep ones (the edges
    between the shopper's own clothes and skin), and integrate back (Poisson, by DCT). Outside the
    body nothing is integrated."""
    h, w = log_luma.shape
    if h < 4 or w < 4:
        return log_luma
    gx = np.zeros_like(log_luma)
    gy = np.zeros_like(log_luma)
    gx[:, :-1] = log_luma[:, 1:] - log_luma[:, :-1]
    gy[:-1, :] = log_luma[1:, :] - log_luma[:-1, :]
    both_x = np.zeros_like(inside)
    both_y = np.zeros_like(inside)
    both_x[:, :-1] = inside[:, 1:] & inside[:, :-1]
    both_y[:-1, :] = inside[1:, :] & inside[:-1, :]
    # An edge between materials is a gradient far from its neighbourhood's typical one: replace it
    # by that (the light's own slope runs on under the edge).
    for g, both in ((gx, both_x), (gy, both_y)):
        typical = cv2.medianBlur(g, 5)
        edge = np.abs(g - typical) > ALBEDO_STEP
        g[edge] = typical[edge]
        g[np.abs(g) > ALBEDO_STEP] = 0.0
        g[~both] = 0.0
    div = gx.copy()
    div[:, 1:] -= gx[:, :-1]
    div += gy
    div[1:, :] -= gy[:-1, :]
    # cv2.dct wants even sizes: pad by reflection.
    ph, pw = h + (h % 2), w + (w % 2)
    padded = np.zeros((ph, pw), np.float32)
    padded[:h, :w] = div
    d = cv2.dct(padded)
    ky = 2.0 * np.cos(np.pi * np.arange(ph) / ph) - 2.0
    kx = 2.0 * np.cos(np.pi * np.arange(pw) / pw) - 2.0
    denom = ky[:, None] + kx[None, :]
    denom[0, 0] = 1.0
    d /= denom
    d[0, 0] = 0.0
    solved = cv2.idct(d)[:h, :w]
    return np.asarray(solved, dtype=np.float32)


def multiplier(light: SceneLight, shade: F32) -> U8Image:
    """Gain × shading as uint8 (h, w, 4), 128 = 1.0 (so up to 2×), alpha's factor 1.0: for
    ``cv2.multiply`` with a premultiplied RGBA patch."""
    gain = np.array([*light.gain, 1.0], np.float32)
    shade4 = np.concatenate([np.repeat(shade[..., None], 3, axis=2), np.ones_like(shade)[..., None]], axis=2)
    m = shade4 * gain[None, None, :] * 128.0
    out: U8Image = np.clip(m + 0.5, 0, 255).astype(np.uint8)
    return out


NOISE_MARGIN = 64
_NOISE: dict[tuple[int, int, int], tuple[U8Image, U8Image]] = {}


def noise_level(light: SceneLight, garment_level: float = 150.0) -> int:
    """The camera's noise as a multiplier's σ, in half units of 1/128 (0 = none)."""
    return round(2 * 128.0 * light.noise / max(garment_level, 1.0))


def noise_for(level: int, w: int, h: int, frame_index: int) -> tuple[U8Image, U8Image] | None:
    """Positive and negative parts of Gaussian noise of σ ``level``/2 (multiplier units), 4
    channels (none on alpha), ``h``×``w``, at an offset that changes with ``frame_index``."""
    if level <= 0:
        return None
    key = (level, (w // 128 + 1) * 128, (h // 128 + 1) * 128)
    tiles = _NOISE.get(key)
    if tiles is None:
        if len(_NOISE) > 8:
            _NOISE.clear()
        rng = np.random.default_rng(level)
        n = rng.normal(0.0, level / 2.0, (key[2] + NOISE_MARGIN, key[1] + NOISE_MARGIN, 4)).astype(np.float32)
        n[..., 3] = 0.0
        tiles = (np.clip(n, 0, 255).astype(np.uint8), np.clip(-n, 0, 255).astype(np.uint8))
        _NOISE[key] = tiles
    ox = (frame_index * 37) % NOISE_MARGIN
    oy = (frame_index * 23) % NOISE_MARGIN
    return tiles[0][oy : oy + h, ox : ox + w], tiles[1][oy : oy + h, ox : ox + w]


@dataclass(frozen=True, eq=False)
class LightField:
    """The frame's light over a box of the frame, ready to multiply into garment layers there:
    uint8 (h, w, 4), 128 = 1.0, at the box's full size, camera noise included."""

    box: tuple[int, int, int, int]
    m: U8Image
    key: tuple[object, ...]  # equal keys: the same light (to the percent)

    @staticmethod
    def measure(
        frame_rgb: U8Image,
        box: tuple[int, int, int, int],
        person_mask: npt.NDArray[np.floating] | None,
        span: float,
        noise: float,
        last: LightField | None = None,
    ) -> LightField:
        """The light over ``box``; ``last`` is returned as it is when the light has not changed
        (to the percent), so a still shopper under steady light costs no full-size work."""
        scene = scene_light(frame_rgb, noise)
        shade = shading(frame_rgb, box, person_mask, span)
        x0, y0, x1, y1 = box
        key = (
            tuple(round(g * 100) for g in scene.gain),
            np.round(shade * 50).astype(np.int16).tobytes(),
            round(noise, 1),
            box,
        )
        if last is not None and last.key == key:
            return last
        low = multiplier(scene, shade)
        m = cv2.resize(low, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR)
        tiles = noise_for(noise_level(scene), x1 - x0, y1 - y0, hash(key) & 0xFFFF)
        if tiles is not None:
            m = cv2.subtract(cv2.add(m, tiles[0]), tiles[1])
        return LightField(box, m, key)

    def apply(self, patch: U8Image, x0: int, y0: int) -> U8Image:
        """A premultiplied RGBA patch at (x0, y0) of the frame, lit (it must lie inside the box)."""
        bx0, by0 = self.box[0], self.box[1]
        ph, pw = patch.shape[:2]
        m = self.m[y0 - by0 : y0 - by0 + ph, x0 - bx0 : x0 - bx0 + pw]
        if m.shape[:2] != (ph, pw):  # a patch cut by the box's edge (should not happen): unlit
            return patch
        out: U8Image = cv2.multiply(patch, m, scale=1.0 / 128.0)
        return out

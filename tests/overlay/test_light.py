"""The room's light on the garment: exposure, colour cast, shading from the body, camera noise
and softness. Real people, real model; the same outfit under changed light."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from mirror_app.overlay import OutfitRenderer
from mirror_app.overlay.light import camera_noise, camera_softness, scene_light, shading
from mirror_app.overlay.outfit import composite_outfit
from mirror_app.overlay.wear_check import brightness_ratio, lit_side

PEOPLE = ("cat_men_model_5.png", "cat_women_1-model_3.png", "idm_00035_00.jpg", "cat_men_model_7.png")


def _worn(person, garment, frame):
    """The garment fitted on the person's own photo, composited on ``frame`` (the same photo in
    another light): light changes nothing but the light."""
    prepared = OutfitRenderer().prepare(
        person.pose, [garment], person.wh, person_mask=person.mask, frame_rgb=person.rgb
    )
    canvas = frame.copy()
    composite_outfit(canvas, prepared, person_mask=person.mask, relight=True)
    return canvas, prepared.alpha()


def _chosen(people):
    chosen = [p for p in people if p.name in PEOPLE]
    assert len(chosen) == len(PEOPLE)
    return chosen


@pytest.mark.model
def test_half_the_light_gives_a_garment_at_most_0_7_as_bright(people, demo_garments):
    for person in _chosen(people):
        for gid in ("crew-tee", "oxford-shirt-long", "denim-jeans"):
            normal, alpha = _worn(person, demo_garments[gid], person.rgb)
            dim_frame = (person.rgb.astype(np.float32) * 0.5).astype(np.uint8)
            dim, _ = _worn(person, demo_garments[gid], dim_frame)
            ratio = brightness_ratio(normal, dim, alpha)
            assert 0.3 < ratio <= 0.7, f"{gid} on {person.name}: {ratio:.2f} as bright in half the light"


@pytest.mark.model
def test_light_from_one_side_lights_the_garment_from_that_side(people, demo_garments):
    for person in _chosen(people):
        w = person.rgb.shape[1]
        for from_left in (True, False):
            ramp = np.linspace(1.0, 0.35, w) if from_left else np.linspace(0.35, 1.0, w)
            lit = (person.rgb.astype(np.float32) * ramp[None, :, None]).astype(np.uint8)
            normal, alpha = _worn(person, demo_garments["crew-tee"], person.rgb)
            side, _ = _worn(person, demo_garments["crew-tee"], lit)
            side_sign = lit_side(normal, side, alpha)
            assert (side_sign > 0.06) if from_left else (side_sign < -0.06), (person.name, from_left, side_sign)


@pytest.mark.model
def test_a_dim_warm_shop_makes_a_dim_warm_garment_whose_print_still_reads(people, demo_garments):
    person = next(p for p in people if p.name == "cat_men_model_5.png")
    warm = (person.rgb.astype(np.float32) * np.array([0.62, 0.48, 0.33])).astype(np.uint8)
    normal, alpha = _worn(person, demo_garments["floral-dress"], person.rgb)
    shop, _ = _worn(person, demo_garments["floral-dress"], warm)
    solid = alpha > 0.95
    n, s = normal[solid].astype(np.float64), shop[solid].astype(np.float64)
    assert s.mean() < 0.65 * n.mean()  # dim
    assert s[:, 0].mean() / s[:, 2].mean() > 1.3 * n[:, 0].mean() / n[:, 2].mean()  # warm
    # The print is still there: each colour channel of the garment's pattern correlates between
    # the two renders (a warm light scales the channels differently, so luminance would not).
    corr = [np.corrcoef(n[:, c], s[:, c])[0, 1] for c in range(3)]
    assert min(corr) > 0.9, corr


def test_scene_light_follows_exposure_and_refuses_impossible_casts():
    rng = np.random.default_rng(3)
    frame = np.full((240, 320, 3), 120, np.uint8)
    frame[20:60, 20:80] = 245  # a white wall patch
    assert np.allclose(scene_light(frame).gain, 1.0, atol=0.05)
    half = (frame // 2).astype(np.uint8)
    assert np.allclose(scene_light(half).gain, 0.5, atol=0.05)
    purple = frame.copy()
    purple[20:60, 20:80] = (230, 120, 235)  # the brightest thing is a purple shirt: not a light
    r, g, b = scene_light(purple).gain
    assert abs(r - b) < 0.12 and g > 0.8 * min(r, b)
    noisy = np.clip(frame + rng.normal(0, 4.0, frame.shape), 0, 255).astype(np.uint8)
    assert camera_noise(noisy) == pytest.approx(4.0, rel=0.25)
    assert camera_noise(frame) < 0.5


def test_softness_is_read_from_the_frames_edges():
    sharp = np.zeros((200, 200, 3), np.uint8)
    sharp[:, 100:] = 200
    sharp[100:, :] = 200 - sharp[100:, :]
    soft = cv2.GaussianBlur(sharp, (0, 0), 2.0)
    assert camera_softness(sharp) < 0.8
    assert camera_softness(soft) == pytest.approx(2.0, abs=0.6)


def test_shading_removes_the_shoppers_own_clothes_and_keeps_the_light():
    # A white shirt on dark skin under even light: no shading; the same lit from the left: a ramp.
    frame = np.full((400, 300, 3), 80, np.uint8)
    frame[100:300, 80:220] = 235
    mask = np.zeros((400, 300), np.float32)
    mask[60:380, 60:240] = 1.0
    flat = shading(frame, (0, 0, 300, 400), mask, 140.0)
    inside = cv2.resize(mask, flat.shape[::-1]) > 0.5
    assert np.ptp(flat[inside]) < 0.12, "the shirt's edge leaked into the shading"
    ramp = (frame * np.linspace(1.0, 0.5, 300)[None, :, None]).astype(np.uint8)
    lit = shading(ramp, (0, 0, 300, 400), mask, 140.0)
    row = lit[lit.shape[0] // 2][inside[lit.shape[0] // 2]]
    assert row[0] > row[-1] + 0.15


@pytest.mark.model
def test_the_live_path_lights_the_garment_from_the_frame_it_was_prepared_from(people, demo_garments):
    """The mirror prepares each pose from its own frame (off the display path): the light comes along."""
    person = next(p for p in people if p.name == "cat_women_1-model_3.png")
    g = demo_garments["crew-tee"]
    dim = (person.rgb.astype(np.float32) * 0.5).astype(np.uint8)
    renders = []
    for frame in (person.rgb, dim):
        prepared = OutfitRenderer().prepare(person.pose, [g], person.wh, person_mask=person.mask, frame_rgb=frame)
        canvas = frame.copy()
        composite_outfit(canvas, prepared, person_mask=person.mask)
        renders.append((canvas, prepared.alpha()))
    both = np.minimum(renders[0][1], renders[1][1])
    assert brightness_ratio(renders[0][0], renders[1][0], both) <= 0.7


@pytest.mark.model
def test_a_garment_with_nothing_on_screen_is_not_lit_and_does_not_fail(people, demo_garments):
    """A shopper stepping out of the side of the picture: the warp leaves no pixels on screen, and the
    live path (which lights from the frame) must give an empty outfit, not an IndexError."""
    from mirror_app.tracking.landmarks import Pose

    person = next(p for p in people if p.name == "cat_women_1-model_3.png")
    w, h = person.wh
    gone = Pose(person.pose.xy + np.array([3.0 * w, 0.0]), person.pose.visibility, person.pose.world_xyz)
    prepared = OutfitRenderer().prepare(
        gone, [demo_garments["crew-tee"]], person.wh, person_mask=person.mask, frame_rgb=person.rgb
    )
    canvas = person.rgb.copy()
    composite_outfit(canvas, prepared, person_mask=person.mask)
    assert not prepared.lit
    assert np.array_equal(canvas, person.rgb)

"""The visit, in one Qt-free place: every decision between the dressed camera frame and the screen.

``MirrorController.step(frame, events, now)`` takes the newest dressed frame, what the shopper or
staff did since the last step and the time, and returns a frozen ``Scene``: what to paint, and the
requests for the rest of the mirror (draw this outfit, reload the catalog, exit). Here live the
session (screens and outfit), the hands-free buttons (palms on screen, dwell), the framing hints,
size advice (the body measured from each new pose the frames are dressed with), the photo and its
QR code, the staff corner and PIN pad, and the visit analytics, which follow the session's own
actions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..analytics import VisitRecorder
from ..catalog.model import Catalog
from ..domain import ButtonId, Category, Control
from ..live.engine import SourceStatus, ViewFrame
from ..live.stats import Timings
from ..photo import qr_matrix
from ..session.state import Action, ItemCard, MirrorSession, Screen
from ..sizing import BodyEstimate, BodyMeasurer, MeasurerSettings, advice_text, recommend_size
from ..sizing.texts import AdviceText
from ..staff import PinLock
from ..view.framing import Framing, assess_framing
from ..view.pointer import hands_on_screen
from ..view.rect import Rect
from .dwell import DwellButtons
from .inputs import InputEvent, Key, KeyPress, Resized, Tap
from .layout import Layout, make_layout
from .photo_desk import OrderLinkDesk, PhotoDesk, TakenPhoto
from .scene import ExitMirror, ReloadCatalog, Request, Scene, WearOutfit
from .screens import Look, ShownPhoto, compose
from .staff import CornerTaps, PinEntry, PinKey, pin_pad, staff_menu

log = logging.getLogger(__name__)

EXIT_STAFF = 3  # the staff chose "exit": supervisors must not restart on this code


@dataclass(frozen=True)
class ControllerOptions:
    demo_notice: bool = False  # "no camera, playing the demo clip"
    debug: bool = False  # the debug overlay at start (F1 toggles it)
    staff_exit_code: int = EXIT_STAFF
    sizing: MeasurerSettings | None = field(default_factory=MeasurerSettings)  # None: no size advice


class MirrorController:
    """One shopper's visit at a time. Call ``step`` for every new frame, every input and on a
    steady tick (countdowns and timeouts run on ``now``); all calls from one thread."""

    def __init__(
        self,
        catalog: Catalog,
        session: MirrorSession,
        pin: PinLock,
        *,
        screen_wh: tuple[int, int] = (1080, 1920),
        options: ControllerOptions | None = None,
        photos: PhotoDesk | None = None,
        visits: VisitRecorder | None = None,
        timings: Timings | None = None,
        frames_dropped: Callable[[], int] = lambda: 0,
        started_at: float = 0.0,
    ) -> None:
        self.session = session
        self.options = options or ControllerOptions()
        self.photos: PhotoDesk = photos or OrderLinkDesk()
        self.visits = visits
        self.timings = timings
        self._frames_dropped = frames_dropped
        self.debug = self.options.debug
        self.dwell = DwellButtons()
        self.pin = PinEntry(pin)
        self._corner = CornerTaps()
        self._screen_wh = screen_wh
        self._layout: Layout | None = None
        self._started_at = started_at
        self._frame: ViewFrame | None = None
        self._hands: tuple[tuple[float, float], ...] = ()
        self._framing = Framing.NOBODY
        sizing = self.options.sizing
        self._measurer = BodyMeasurer(sizing) if sizing is not None else None
        self._measured_index: int | None = None  # the frame whose pose was measured last
        self._estimate: BodyEstimate | None = None
        self._advice: AdviceText | None = None
        self._photo: ShownPhoto | None = None
        self._requests: list[Request] = []
        self._now = started_at
        self.notes: tuple[str, ...] = ()
        self._catalog_rev = 0
        self.set_catalog(catalog)

    # -- what the shell tells it ----------------------------------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        """A (re)loaded catalog: keep what is still sold in the outfit, redraw."""
        self.catalog = catalog
        self._catalog_rev += 1
        self.session.set_items([ItemCard(it.id, it.category, it.name.ko, it.name.en, it.price) for it in catalog.items])
        self.notes = tuple(str(p) for p in catalog.problems)
        self._layout = None
        self._wear()

    def set_catalog_notes(self, notes: Sequence[str]) -> None:
        """What the staff screen lists: items skipped, or why the last edit was not taken."""
        self.notes = tuple(notes)

    def wear(self, item_ids: Sequence[str], now: float) -> None:
        """Put these items on (``--wear``, demos): as if the shopper had chosen them."""
        self.session.outfit = [i for i in item_ids if self.catalog.item(i) is not None]
        self._act(Action.OUTFIT_CHANGED, now)

    @property
    def screen(self) -> Screen:
        return self.session.screen

    @property
    def layout(self) -> Layout:
        """Where the shopper's buttons are on the current screen size."""
        cats = self.session.categories()
        if self._layout is None or self._layout.screen_wh != self._screen_wh or list(self._layout.categories) != cats:
            self._layout = make_layout(self._screen_wh, cats)
        return self._layout

    # -- one step -------------------------------------------------------------------------------
    def step(self, frame: ViewFrame | None, events: Sequence[InputEvent], now: float) -> Scene:
        """Advance the visit to ``now`` with the newest ``frame`` and ``events``; the new screen."""
        self._now = now
        if frame is not None and frame is not self._frame:
            self._frame = frame
            self._see(frame, now)
        for event in events:
            self._handle(event, now)
        for action in self.session.tick(now):
            self._act(action, now)
        if self._frame is None or self._frame.status is not SourceStatus.RUNNING:
            self._observe(False, now)
        self._update_advice()
        return self._scene(now)

    def _see(self, frame: ViewFrame, now: float) -> None:
        """A new picture: where the shopper's hands are, how they stand, whether they are there."""
        self._hands = hands_on_screen(frame.pose, frame.view)
        self._measure(frame)
        wearing = [it.category for it in self.session.outfit_items()]
        self._framing = assess_framing(frame.pose, frame.frame_wh, wearing)
        self._observe(frame.pose is not None, now)
        if self.session.screen not in (Screen.STAFF, Screen.STAFF_PIN):
            for control in self.dwell.update(self._pressable(), self._hands, now):
                self._press(control, now)

    def _measure(self, frame: ViewFrame) -> None:
        """The body, for size advice: each new pose once (frames shown while tracking catches up
        repeat the last pose and must not count twice); nobody in view clears the still window."""
        if self._measurer is None or (frame.tracked_index is not None and frame.tracked_index == self._measured_index):
            return
        self._measured_index = frame.tracked_index
        tracking, shopper = frame.tracking, frame.shopper
        if tracking is None:  # no pose for this picture (starting, the model paused): no advice now
            self._estimate = None
            return
        self._estimate = self._measurer.update(
            shopper.pose if shopper is not None else None,
            tracking.timestamp_ms,
            track_id=shopper.track_id if shopper is not None else None,
            frame_wh=tracking.frame_wh,
            mask=shopper.mask if shopper is not None else None,
        )

    def _observe(self, present: bool, now: float) -> None:
        for action in self.session.observe(now, present):
            self._act(action, now)

    def _pressable(self) -> dict[Control, Rect]:
        return self.layout.rects(self.session.controls())

    def _update_advice(self) -> None:
        """Size advice for the item in the carousel, from this visit's measurement of the body."""
        card = self.session.current_item()
        item = self.catalog.item(card.id) if card is not None else None
        estimate = self._estimate
        chart = self.catalog.manifest.size_charts.get(item.size_chart) if item and item.size_chart else None
        if item is None or chart is None or estimate is None:
            self._advice = None
            return
        advice = recommend_size(estimate, chart, item.sizes)
        self._advice = advice_text(advice, self.session.lang)
        if advice.recommended is not None and self.visits is not None:
            self.visits.size_advice_shown(item.id, advice.recommended)

    # -- input ----------------------------------------------------------------------------------
    def _handle(self, event: InputEvent, now: float) -> None:
        if isinstance(event, Resized):
            if event.wh[0] > 0 and event.wh[1] > 0:
                self._screen_wh = event.wh
        elif isinstance(event, Tap):
            self._tap(event.x, event.y, now)
        else:
            self._key(event, now)

    def _tap(self, x: float, y: float, now: float) -> None:
        if self.layout.staff_corner.contains(x, y) and self._corner.tap(now):
            self._open_staff(now)
            return
        screen = self.session.screen
        if screen is Screen.STAFF_PIN:
            hit = next((k for k, r in pin_pad(self._screen_wh, self.layout.unit).items() if r.contains(x, y)), None)
            if hit is not None:
                self._pin_key(hit, now)
        elif screen is Screen.STAFF:
            menu = staff_menu(self._screen_wh, self.layout.unit)
            choice = next((c for c, r in menu.items() if r.contains(x, y)), None)
            if choice is not None:
                self._staff_choice(choice, now)
        elif screen is Screen.ATTRACT:
            self._acts(self.session.wake(now), now)
        else:
            control = next((c for c, r in self._pressable().items() if r.contains(x, y)), None)
            if control is not None:
                self._press(control, now)

    def _key(self, event: KeyPress, now: float) -> None:
        key, s = event.key, self.session
        if key is Key.DEBUG:
            self.debug = not self.debug
        elif key is Key.STAFF:
            self._open_staff(now)
        elif s.screen is Screen.STAFF_PIN:
            if key.digit is not None:
                self.pin.type(key.digit)
            elif key is Key.BACKSPACE:
                self.pin.delete()
            elif key is Key.ENTER:
                self._submit_pin(now)
            elif key is Key.ESCAPE:
                self._acts(s.close_staff(now), now)
        elif key is Key.ESCAPE:
            self._acts(s.back(now), now)
        elif s.screen is Screen.STAFF:
            pass
        elif key in (Key.LEFT, Key.RIGHT):
            if s.category is None and s.categories():
                self._press(s.categories()[0], now)
            else:
                self._press(ButtonId.PREV if key is Key.LEFT else ButtonId.NEXT, now)
        elif key in (Key.UP, Key.DOWN):
            self._step_category(1 if key is Key.DOWN else -1, now)
        elif key is Key.ENTER:
            self._press(ButtonId.CLOSE if s.screen is Screen.PHOTO else ButtonId.WEAR, now)
        elif key in (Key.PHOTO, Key.LANG, Key.CLEAR):
            self._press(ButtonId(key.value), now)

    def _step_category(self, step: int, now: float) -> None:
        cats = self.session.categories()
        if not cats:
            return
        current = self.session.category
        i = (cats.index(current) if current in cats else -1) + step
        target: Category = cats[i % len(cats)]
        self._press(target, now)
        if self.session.category is None:  # it was the open one: pressing closed it
            self._press(target, now)

    def _press(self, control: Control, now: float) -> None:
        self._acts(self.session.press(control, now), now)

    # -- staff ----------------------------------------------------------------------------------
    def _open_staff(self, now: float) -> None:
        self.pin.clear()
        self._acts(self.session.open_staff(now), now)

    def _pin_key(self, key: PinKey, now: float) -> None:
        if key is PinKey.DELETE:
            self.pin.delete()
        elif key is PinKey.OK:
            self._submit_pin(now)
        elif key is PinKey.BACK:
            self._acts(self.session.close_staff(now), now)
        elif not self.pin.lock.locked(now):
            self.pin.type(key.value)

    def _submit_pin(self, now: float) -> None:
        if self.pin.submit(now):
            log.info("staff menu opened")
            self._acts(self.session.staff_unlocked(now), now)
        else:
            log.warning("wrong staff PIN%s", " (locked)" if self.pin.lock.locked(now) else "")

    def _staff_choice(self, choice: ButtonId, now: float) -> None:
        if choice is ButtonId.STAFF_BACK:
            self._acts(self.session.close_staff(now), now)
        elif choice is ButtonId.STAFF_RELOAD:
            self._requests.append(ReloadCatalog())
        elif choice is ButtonId.STAFF_DEBUG:
            self.debug = not self.debug
        elif choice is ButtonId.STAFF_EXIT:
            log.info("staff exit")
            self._requests.append(ExitMirror(self.options.staff_exit_code))

    # -- what the session's actions mean ------------------------------------------------------------
    def _acts(self, actions: Sequence[Action], now: float) -> None:
        for action in actions:
            self._act(action, now)

    def _act(self, action: Action, now: float) -> None:
        visits = self.visits
        if action is Action.OUTFIT_CHANGED:
            self._wear()
            if visits is not None:
                visits.outfit_changed(self.session.outfit, now)
        elif action is Action.CAPTURE_PHOTO:
            self._take_photo(now)
        elif action is Action.VISIT_STARTED:
            if visits is not None:
                visits.start(now)
                visits.outfit_changed(self.session.outfit, now)  # what the visit starts in (--wear)
            self.photos.visit_started()
        elif action is Action.VISIT_ENDED:
            if visits is not None:
                visits.end(now)
            if self._measurer is not None:  # the next shopper is not measured as this one
                self._measurer.reset()
            self._estimate = None
            self._advice = None
            self._photo = None
            self.photos.visit_ended()

    def _wear(self) -> None:
        s = self.session
        garments = {it.id: it.garment() for it in self.catalog.items if it.id in {*s.outfit, *s.previous_outfit}}
        current = tuple(garments[i] for i in s.outfit if i in garments)
        before = tuple(garments[i] for i in s.previous_outfit if i in garments) if s.comparing else None
        self._requests.append(WearOutfit(current, before))

    def _take_photo(self, now: float) -> None:
        if self._frame is None:
            return
        taken = TakenPhoto(self._frame.image_rgb.copy(), tuple(self.session.outfit), self.session.lang, now)
        if self.visits is not None:
            self.visits.photo_taken()
        handout = self.photos.hand_out(taken)
        modules = tuple(tuple(row) for row in qr_matrix(handout.url))
        wifi = tuple(tuple(row) for row in qr_matrix(handout.join_wifi)) if handout.join_wifi else None
        self._photo = ShownPhoto(
            taken.rgb,
            modules,
            handout.url,
            handout.scan_key,
            handout.note_key,
            handout.error,
            wifi,
            handout.join_wifi,
            handout.wifi_name,
        )
        if self.visits is not None:
            self.visits.qr_shown()
        err = handout.error
        log.info("photo taken (%d items)%s", len(taken.item_ids), f"; {err}" if err else "")

    # -- the scene ------------------------------------------------------------------------------
    def _scene(self, now: float) -> Scene:
        frame = self._frame
        layout = self.layout
        look = Look(
            now=now,
            started_at=self._started_at,
            layout=layout,
            session=self.session,
            catalog=self.catalog,
            catalog_rev=self._catalog_rev,
            frame=frame,
            framing=self._framing,
            hands=self._hands,
            pressable=self._pressable(),
            progress=dict(self.dwell.progress),
            advice=self._advice,
            photo=self._photo,
            pin=self.pin,
            notes=self.notes,
            demo_notice=self.options.demo_notice,
            debug=self.debug,
            timings=self.timings,
            frames_dropped=self._frames_dropped() if self.debug else 0,
        )
        requests, self._requests = tuple(self._requests), []
        return Scene(
            screen_wh=layout.screen_wh,
            unit=layout.unit,
            screen=self.session.screen,
            image_rgb=frame.image_rgb if frame is not None else None,
            elements=tuple(compose(look)),
            requests=requests,
            frame_index=frame.frame_index if frame is not None else -1,
            captured_at=frame.captured_at if frame is not None else 0.0,
        )

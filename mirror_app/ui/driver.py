"""The UI thread's loop: newest frame + input → ``MirrorController.step`` → Scene → window.

Frames cross from the engine's threads through its ``LatestSlot`` only: a ``FrameWatcher``
thread waits on the slot and wakes the UI thread with a queued Qt signal, taking the next frame
only once the UI has taken the last one, so a busy UI drops stale frames (counted by the slot)
instead of queueing them. The engine knows nothing of its readers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ..live.engine import ViewFrame
from ..live.slot import LatestSlot
from ..live.stats import Samples, Timings
from ..overlay.garment import Garment
from ..visit.controller import MirrorController
from ..visit.inputs import InputEvent, Resized
from ..visit.scene import ExitMirror, ReloadCatalog, Request, Scene, WearOutfit
from .window import MirrorWindow

log = logging.getLogger(__name__)

T = TypeVar("T")

TICK_MS = 33  # countdowns, timeouts and animations advance at least this often


class Dresser(Protocol):
    """What the driver asks of the live engine."""

    frames: LatestSlot[ViewFrame]
    timings: Timings

    def set_outfit(self, garments: Sequence[Garment], compare_with: Sequence[Garment] | None = None) -> None: ...

    def set_screen_size(self, wh: tuple[int, int]) -> None: ...


class FrameWatcher(QObject, Generic[T]):
    """Waits on a ``LatestSlot`` off the UI thread; ``arrived`` fires (queued) when a value is new."""

    arrived = Signal()

    def __init__(self, slot: LatestSlot[T], poll_s: float = 0.2) -> None:
        super().__init__()
        self._slot = slot
        self._poll_s = poll_s
        self._newest: T | None = None
        self._taken = threading.Event()  # the UI has the last value: the watcher may take another
        self._taken.set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="mirror-frame-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._taken.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None

    def take(self) -> T | None:
        """On the UI thread: the value that ``arrived`` announced (None if already taken)."""
        value, self._newest = self._newest, None
        self._taken.set()
        return value

    def _run(self) -> None:
        version = 0
        while not self._stop.is_set():
            if not self._taken.wait(self._poll_s):
                continue
            value, version = self._slot.take_newer(version, timeout=self._poll_s)
            if value is None or self._stop.is_set():
                continue
            self._taken.clear()
            self._newest = value
            self.arrived.emit()


@dataclass
class ShellHooks:
    """What only the application can do for the staff menu."""

    exit: Callable[[int], None] = lambda code: None
    reload_catalog: Callable[[], None] = lambda: None


class MirrorDriver(QObject):
    """Runs the controller on the UI thread and carries out its requests."""

    def __init__(
        self,
        controller: MirrorController,
        engine: Dresser,
        window: MirrorWindow,
        *,
        hooks: ShellHooks | None = None,
        clock: Callable[[], float] = time.perf_counter,
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(window)
        self.controller = controller
        self.engine = engine
        self.window = window
        self.hooks = hooks or ShellHooks()
        self.clock = clock
        self.samples = Samples(engine.timings)
        self.frame: ViewFrame | None = None
        self._watcher: FrameWatcher[ViewFrame] = FrameWatcher(engine.frames)
        self._watcher.arrived.connect(self._on_frame, Qt.ConnectionType.QueuedConnection)
        window.inputReceived.connect(self._on_input)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_tick)
        self._tick_ms = tick_ms

    def start(self) -> None:
        self.engine.set_screen_size((self.window.width(), self.window.height()))
        self.refresh([Resized((self.window.width(), self.window.height()))])
        self._watcher.start()
        self._timer.start(self._tick_ms)

    def stop(self) -> None:
        self._timer.stop()
        self._watcher.stop()

    def refresh(self, events: Sequence[InputEvent] = ()) -> Scene:
        """One step now (after input, a catalog change, or for tests); the scene shown."""
        scene = self.controller.step(self.frame, events, self.clock())
        for request in scene.requests:
            self._carry_out(request)
        self.window.show_scene(scene)
        return scene

    def _on_frame(self) -> None:
        frame = self._watcher.take()
        if frame is not None:
            self.frame = frame
            self.refresh()

    def _on_tick(self) -> None:
        self.samples.poll(time.perf_counter())
        self.refresh()

    def _on_input(self, event: InputEvent) -> None:
        if isinstance(event, Resized):
            self.engine.set_screen_size(event.wh)
        self.refresh([event])

    def _carry_out(self, request: Request) -> None:
        if isinstance(request, WearOutfit):
            self.engine.set_outfit(request.current, compare_with=request.compare)
        elif isinstance(request, ReloadCatalog):
            self.hooks.reload_catalog()
        elif isinstance(request, ExitMirror):
            self.hooks.exit(request.code)

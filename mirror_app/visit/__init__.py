"""The shopper's visit, Qt-free: ``MirrorController`` turns the newest dressed frame, the input
events and the time into a frozen ``Scene`` that the window paints."""

from .controller import EXIT_STAFF, ControllerOptions, MirrorController
from .inputs import InputEvent, Key, KeyPress, Resized, Tap
from .photo_desk import OrderLinkDesk, PhotoDesk, PhotoHandout, TakenPhoto
from .scene import ExitMirror, ReloadCatalog, Request, Scene, WearOutfit
from .staff import PinKey

__all__ = [
    "EXIT_STAFF",
    "ControllerOptions",
    "ExitMirror",
    "InputEvent",
    "Key",
    "KeyPress",
    "MirrorController",
    "OrderLinkDesk",
    "PhotoDesk",
    "PhotoHandout",
    "PinKey",
    "ReloadCatalog",
    "Request",
    "Resized",
    "Scene",
    "TakenPhoto",
    "Tap",
    "WearOutfit",
]

"""Errors that reach a person, each worded as one line that names the thing and the fix."""

from __future__ import annotations


class MirrorError(Exception):
    """A problem the user can fix: shown as one line, never as a traceback (exit code 2)."""


class ModelError(MirrorError):
    """The pose model file is missing, unreadable or not a pose landmarker bundle."""


class SourceError(MirrorError):
    """A camera, video or image could not be opened or read."""


class CatalogError(MirrorError):
    """A catalog folder or item is unusable."""

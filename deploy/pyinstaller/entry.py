"""The frozen app's entry point (PyInstaller runs this file as ``__main__``, outside the package)."""

from mirror_app.kiosk.stdio import ensure_std_streams

ensure_std_streams()  # a windowed (console=False) exe starts with sys.stdout/stderr set to None

from mirror_app.cli import main  # noqa: E402 - after the streams exist

raise SystemExit(main())

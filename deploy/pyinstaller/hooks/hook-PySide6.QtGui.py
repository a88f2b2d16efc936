# Mirror's override of PyInstaller's QtGui hook: the same, minus the plugin kinds a kiosk never
# loads. Dropping them here (before PyInstaller resolves each plugin's libraries) also keeps out
# what they link to: the GTK3 platform theme alone pulls in GTK, cairo, pango and gdk-pixbuf.
#   platformthemes         GTK3 theme, desktop portal (native file dialogs, colours)
#   platforminputcontexts  ibus, compose key (Mirror has no text entry)
#   iconengines, qsvg      SVG icons and images (QtSvg is not in the build)
#   accessiblebridge       screen-reader bridge
# Kept: platforms (xcb, wayland, eglfs, linuxfb, offscreen for the headless self-test, windows),
# xcb GL and Wayland client plugins, evdev input for eglfs/linuxfb, image formats.
from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

DROP_KINDS = {"platformthemes", "platforminputcontexts", "iconengines", "accessiblebridge"}
DROP_FILES = {"libqsvg", "qsvg"}

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)


def _kept(src, dest):
    parts = PurePath(dest).parts
    kind = parts[parts.index("plugins") + 1] if "plugins" in parts[:-1] else None
    return kind not in DROP_KINDS and PurePath(src).stem not in DROP_FILES


binaries = [(src, dest) for src, dest in binaries if _kept(src, dest)]

# Mirror's override of PyInstaller's QtCore hook: the same, minus Qt's own translations
# (qt_*.qm, qtbase_*.qm, ~7 MB). Mirror draws every text itself, in Korean and English, and
# never shows a stock Qt dialog.
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
datas = [(src, dest) for src, dest in datas if not src.endswith(".qm")]

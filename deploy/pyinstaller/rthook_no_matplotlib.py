"""PyInstaller runtime hook: stand in for matplotlib, which the kiosk build leaves out.

``mediapipe.tasks.python.vision`` imports ``drawing_utils``, which imports ``matplotlib.pyplot``
at module level for a plotting helper Mirror never calls. Bundling matplotlib (and fontTools,
kiwisolver, contourpy, its fonts) would cost tens of megabytes; this stub lets the import
succeed and fails loudly if anything ever tries to use it.
"""

import importlib.util
import sys
import types


class _Missing(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise ImportError(f"matplotlib is not part of the kiosk build ({self.__name__}.{name} was used)")


if importlib.util.find_spec("matplotlib") is None:
    for _name in ("matplotlib", "matplotlib.pyplot"):
        _module = _Missing(_name)
        _module.__path__ = []  # a package, so ``import matplotlib.pyplot`` resolves through sys.modules
        sys.modules[_name] = _module
    sys.modules["matplotlib"].pyplot = sys.modules["matplotlib.pyplot"]

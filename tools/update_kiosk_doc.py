"""Rewrite the configuration key table in docs/kiosk.md from mirror_app/config.py's schema.

    .venv/bin/python tools/update_kiosk_doc.py

tests/kiosk/test_docs.py fails while the table is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mirror_app.config import schema_markdown  # noqa: E402

DOC = ROOT / "docs" / "kiosk.md"
BLOCK = re.compile(r"(<!-- BEGIN config keys[^\n]*-->\n)(.*?)(<!-- END config keys -->)", re.S)


def render(text: str) -> str:
    if not BLOCK.search(text):
        raise SystemExit(f"{DOC}: the BEGIN/END config keys markers are missing")
    return BLOCK.sub(lambda m: m.group(1) + schema_markdown() + "\n" + m.group(3), text)


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    new = render(text)
    if new != text:
        DOC.write_text(new, encoding="utf-8")
        print(f"updated {DOC}")
    else:
        print(f"{DOC} is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

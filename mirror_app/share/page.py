"""The pages a phone sees, as complete HTML: the photo with its save button and the outfit's
order links, in the shopper's language; a friendly "this photo has expired"; a short refusal.

No script at all, one inline style sheet, every value escaped. Links are relative to ``/p/`` so
a page never names the address it is served from.
"""

from __future__ import annotations

from html import escape

from ..domain import Language
from ..texts import LANGUAGE_NAMES, text
from .shelf import SharedPhoto

SAVE_NAME = "mirror-photo.jpg"  # the file name a phone saves the photo under

_STYLE = """
:root{color-scheme:dark}
body{margin:0;background:#14161c;color:#f4f4f6;
font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Noto Sans KR","Malgun Gothic",sans-serif}
main{max-width:34rem;margin:0 auto;padding:1rem 1rem 2.5rem}
h1{font-size:1.1rem;font-weight:600;color:#b9bcc6;text-align:center;margin:.25rem 0 .75rem}
h2{font-size:1.05rem;margin:1.75rem 0 .25rem}
img{display:block;max-width:100%;max-height:68vh;width:auto;height:auto;margin:0 auto;border-radius:14px;background:#22252e}
p{text-align:center;line-height:1.45;margin:.4rem 0}
.save{display:block;margin:1rem 0 .6rem;padding:1rem;border-radius:999px;background:#ff7a59;color:#14161c;
font-size:1.2rem;font-weight:700;text-align:center;text-decoration:none}
.small{font-size:.85rem;color:#b9bcc6}
ul{list-style:none;padding:0;margin:0}
li{display:flex;align-items:center;gap:.75rem;padding:.8rem 0;border-top:1px solid #2a2d36}
li span{flex:1}
li b{font-weight:600;white-space:nowrap;color:#d7d9e0}
a{color:#ff9a80}
li a{font-weight:700;text-decoration:none;white-space:nowrap}
.all{display:block;margin:1rem 0;padding:.8rem;border:2px solid #ff7a59;border-radius:999px;
text-align:center;font-weight:700;text-decoration:none}
.lang{display:block;text-align:center;margin-top:1.5rem;color:#b9bcc6}
#expired{text-align:center;padding-top:18vh}
#expired h2{font-size:1.3rem;margin:2rem 0 .5rem}
"""


def _document(lang: Language, title: str, body: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{lang.value}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def photo_page(token: str, photo: SharedPhoto, lang: Language | None = None) -> str:
    """The photo's page (in ``lang``, else the language the shopper used at the mirror)."""
    lang = lang or photo.lang
    shop = lang.pick(*photo.shop)
    w, h = photo.size
    lines = "\n".join(
        f"<li><span>{escape(lang.pick(*line.name))}</span><b>{escape(lang.pick(*line.price))}</b>"
        f'<a href="{escape(line.url)}" rel="noreferrer noopener">{escape(text("page_order", lang))}</a></li>'
        for line in photo.outfit
    )
    outfit = f"<h2>{escape(text('page_outfit', lang))}</h2>\n<ul>\n{lines}\n</ul>\n" if photo.outfit else ""
    order_all = (
        f'<a class="all" href="{escape(photo.order_all)}" rel="noreferrer noopener">'
        f"{escape(text('page_order_all', lang))}</a>\n"
        if photo.order_all and len(photo.outfit) > 1
        else ""
    )
    other = lang.other
    body = (
        f"<h1>{escape(shop)}</h1>\n"
        f'<img id="photo" src="{token}/photo.jpg" width="{w}" height="{h}" alt="{escape(text("page_photo_alt", lang))}">\n'
        f'<a id="save" class="save" href="{token}/photo.jpg?save=1" download="{SAVE_NAME}">'
        f"{escape(text('page_save', lang))}</a>\n"
        f'<p class="small">{escape(text("page_tip", lang))}</p>\n'
        f'<p class="small" id="until">{escape(text("page_until", lang, until=photo.until))}</p>\n'
        f"{outfit}{order_all}"
        f'<a class="lang" href="{token}?lang={other.value}" hreflang="{other.value}">{LANGUAGE_NAMES[other]}</a>'
    )
    return _document(lang, text("page_title", lang, shop=shop), body)


def expired_page() -> str:
    """For a token that finds no photo: what happened and what to do, in both languages."""
    parts = []
    for lang in (Language.KO, Language.EN):
        parts.append(
            f'<h2 lang="{lang.value}">{escape(text("page_expired_title", lang))}</h2>\n'
            f'<p lang="{lang.value}">{escape(text("page_expired_body", lang))}</p>'
        )
    title = f"{text('page_expired_title', Language.KO)} · {text('page_expired_title', Language.EN)}"
    return _document(Language.KO, title, '<div id="expired">\n' + "\n".join(parts) + "\n</div>")


def short_page(key: str) -> str:
    """A one-line answer in both languages (too many requests, nothing here)."""
    words = f"{text(key, Language.KO)} · {text(key, Language.EN)}"
    return _document(Language.KO, words, f"<p>{escape(words)}</p>")

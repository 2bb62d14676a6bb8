"""Page languages: Chinese first, English on request, from Babel message catalogs."""

from __future__ import annotations

import datetime as dt
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from trainsched.formats.readable import money

# Message ids are the Chinese texts: Chinese pages need no catalog, English has one.
DEFAULT_LANG = "zh"
LANGS: dict[str, str] = {"zh": "zh_Hans_CN", "en": "en"}
LANG_LABELS: dict[str, str] = {"zh": "中文", "en": "English"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 - the gettext marker's conventional name
    """Mark a Python-side text for extraction; it is translated when shown on a page."""
    return message


def po_paths(lang: str) -> list[Path]:
    """The catalog files of ``lang``: one per area of the site (base, trainee, coordinator, ...)."""
    return sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po"))


def load_catalog(lang: str) -> Catalog:
    """Every message of ``lang``, merged from its catalog files."""
    merged = Catalog(locale=LANGS[lang], domain=DOMAIN)
    for path in po_paths(lang):
        with path.open("rb") as fh:
            for message in read_po(fh, locale=LANGS[lang]):
                if message.id:
                    merged[message.id] = message
    return merged


@cache
def translations(lang: str) -> NullTranslations:
    """Compiled translations of ``lang`` (Chinese uses the message ids themselves)."""
    if lang == DEFAULT_LANG or lang not in LANGS:
        return NullTranslations()
    catalog = load_catalog(lang)
    buffer = BytesIO()
    # Fuzzy entries are drafts, never shown to users.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def pick_lang(query: str | None, cookie: str | None) -> str:
    """The page language: an explicit choice, then the saved one, else Chinese.

    The browser's Accept-Language is ignored on purpose: the service is Chinese first, and many
    trainees' phones are set to English while they read Chinese; English is one tap away.
    """
    for choice in (query, cookie):
        if choice in LANGS:
            return choice
    return DEFAULT_LANG


class Formatter:
    """Dates, numbers and money in the page's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.locale = Locale.parse(LANGS[lang])

    def date(self, value: dt.date | str, fmt: str = "medium") -> str:
        """A local date, e.g. 2027年3月1日 or Mar 1, 2027."""
        day = dt.date.fromisoformat(value) if isinstance(value, str) else value
        return format_date(day, format=fmt, locale=self.locale)

    def weekday_date(self, value: dt.date | str) -> str:
        """A date with its weekday, for timetables."""
        day = dt.date.fromisoformat(value) if isinstance(value, str) else value
        # The same order as ``date`` in each language ("Mar 17, 2027" → "Wed, Mar 17").
        pattern = "M月d日 EEEE" if self.lang == "zh" else "EEE, MMM d"
        return format_date(day, format=pattern, locale=self.locale)

    def number(self, value: float) -> str:
        """A number with the locale's grouping."""
        return format_decimal(value, locale=self.locale)

    def yuan(self, value: int) -> str:
        """Whole yuan, e.g. 33,600元 or ¥33,600 (as reasons say it)."""
        return money(value).text(self.lang)

    def percent(self, part: float, whole: float) -> str:
        """``part`` of ``whole`` as a whole percentage; a dash when there is no whole."""
        if whole <= 0:
            return "–"
        return f"{round(100 * part / whole)}%"

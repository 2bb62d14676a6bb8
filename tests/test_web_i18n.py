"""Pages are Chinese first and every visible text has an English translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from trainsched.resources import template_dir
from trainsched.web import i18n

WEB_SRC = Path(i18n.__file__).resolve().parent
_METHODS = [("**.html", "jinja2"), ("**.py", "python")]
_OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n", "encoding": "utf-8"}}


def _extracted_ids() -> set[str]:
    ids: set[str] = set()
    for folder in (template_dir(), WEB_SRC):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(folder), _METHODS, _OPTIONS
        ):
            ids.update([message] if isinstance(message, str) else [m for m in message if m])
    return ids


def test_every_page_text_has_an_english_translation() -> None:
    catalog = i18n.load_catalog("en")
    untranslated = sorted(
        text
        for text in _extracted_ids()
        if text not in catalog or not catalog[text].string or catalog[text].fuzzy
    )
    assert untranslated == []


def test_english_catalog_has_no_stale_entries() -> None:
    extracted = _extracted_ids()
    stale = sorted(m.id for m in i18n.load_catalog("en") if m.id and m.id not in extracted)
    assert stale == []


def test_explicit_choice_beats_the_saved_one_and_chinese_is_the_default() -> None:
    assert i18n.pick_lang("en", "zh") == "en"
    assert i18n.pick_lang(None, "en") == "en"
    assert i18n.pick_lang(None, None) == "zh"
    assert i18n.pick_lang("xx", "yy") == "zh"


def test_money_and_dates_follow_the_page_language() -> None:
    zh, en = i18n.Formatter("zh"), i18n.Formatter("en")
    assert zh.yuan(33600) == "33,600元"
    assert en.yuan(33600) == "¥33,600"
    assert zh.date("2027-03-01") == "2027年3月1日"
    assert en.date("2027-03-01") == "Mar 1, 2027"

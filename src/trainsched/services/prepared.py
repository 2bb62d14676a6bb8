"""Prepared answers: a public page's or feed's bytes, compressed once, with their validators.

What the published-views cache (``services/publications.py``) keeps per publication, so a
busy page or feed costs a dictionary look-up and a write: no rendering, no compressing, and
often no body at all (a client's copy still current answers 304).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from trainsched.services.common import none_match

try:  # Brotli is smaller than gzip for text; without the library gzip alone is offered.
    import brotli as _brotli  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - a dependency; kept optional for embedders
    _brotli = None

# Smaller answers gain nothing from compression (headers alone are a few hundred bytes).
MIN_COMPRESS: Final = 512
# Feeds are built again daily and per person, so compressing must stay cheap: on a 60 kB
# feed br 5 took 2 ms for 3.3 kB where 9 took 29 ms for 3.2 kB and 11 took 760 ms for 2.6 kB.
_GZIP_LEVEL: Final = 6
_BROTLI_QUALITY: Final = 5


@dataclass(frozen=True)
class Prepared:
    """Bytes to answer with, their strong ETag, last change, and compressed forms.

    ``encoded`` holds a coding's bytes only when smaller than the plain ones. Each coding
    has its own strong ETag (the plain one with ``gzip-``/``br-`` inside the quotes), as a
    strong validator must name exact bytes; any of them proves a client's copy current.
    """

    body: bytes
    media_type: str
    etag: str
    last_modified: dt.datetime
    encoded: Mapping[str, bytes] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)  # sent with it (its language)

    def etag_for(self, coding: str | None) -> str:
        """The ETag of the bytes sent with ``coding`` (None: plain)."""
        return self.etag if coding is None else f'"{coding}-{self.etag[1:]}'

    def current_for(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """Whether the caller's copy is current (answer 304): by ETag, else by date."""
        if if_none_match is not None:
            return any(none_match(if_none_match, self.etag_for(c)) for c in (None, *self.encoded))
        if if_modified_since is None:
            return False
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and self.last_modified <= since

    def coding_for(self, accept_encoding: str | None) -> str | None:
        """The best coding the caller accepts that we hold (br, then gzip), or None."""
        if not accept_encoding or not self.encoded:
            return None
        accepted = _accepted(accept_encoding)
        return next((c for c in ("br", "gzip") if c in self.encoded and c in accepted), None)


def _accepted(header: str) -> set[str]:
    """Codings named with a non-zero weight (``gzip;q=0`` refuses gzip)."""
    out = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        weight = params.strip().removeprefix("q=")
        if not (params and weight.replace(".", "", 1).isdigit() and float(weight) == 0):
            out.add(name.strip())
    return out


def whole_second(instant: dt.datetime) -> dt.datetime:
    """``instant`` without its fraction: HTTP dates have whole seconds, and a copy stamped
    with the rounded date must count as current."""
    return instant.astimezone(dt.UTC).replace(microsecond=0)


def prepare(
    body: bytes,
    media_type: str,
    last_modified: dt.datetime,
    etag: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Prepared:
    """``body`` ready to send: a strong ETag of its bytes (unless given) and compressed forms."""
    tag = etag or '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    encoded: dict[str, bytes] = {}
    if len(body) >= MIN_COMPRESS:
        encoded["gzip"] = gzip.compress(body, _GZIP_LEVEL, mtime=0)
        if _brotli is not None:
            encoded["br"] = _brotli.compress(body, quality=_BROTLI_QUALITY)
    smaller = {k: v for k, v in encoded.items() if len(v) < len(body)}
    return Prepared(body, media_type, tag, whole_second(last_modified), smaller, headers or {})

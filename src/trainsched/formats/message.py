"""Text shown to people, kept in both languages until the edge renders one of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True)
class Message:
    """One thing said to a person, in Chinese (the product's first language) and English."""

    zh: str
    en: str

    def text(self, lang: str) -> str:
        """The message in ``lang``; Chinese for any language we do not speak."""
        return self.en if lang == "en" else self.zh

    def as_json(self) -> dict[str, str]:
        """The message as a JSON object ``{"zh": …, "en": …}``."""
        return {"zh": self.zh, "en": self.en}

    @classmethod
    def from_json(cls, raw: Any) -> Message | None:
        """A message read back from :meth:`as_json`'s shape, or None when ``raw`` is not one."""
        if isinstance(raw, Mapping) and isinstance(raw.get("zh"), str):
            en = raw.get("en")
            return cls(raw["zh"], en if isinstance(en, str) else raw["zh"])
        return None

    @classmethod
    def same(cls, text: str) -> Message:
        """Text that reads the same in both languages (a name, a number)."""
        return cls(text, text)

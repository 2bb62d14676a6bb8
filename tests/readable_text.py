"""What makes text for people unreadable: codes where names belong, ISO dates, bare money.

Shared by the tests of reasons on the demo (pages, API, workbook, command line).
"""

from __future__ import annotations

import re

from trainsched.formats import Scenario

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_GLUED = " / "
# Money is said with thousands separators: 28,000元 or ¥28,000 (so 28000元 is unreadable).
_BARE_MONEY = re.compile(r"\d{4,}元|¥\d{4,}|\d{4,} yuan")
# "At most 0 free" instead of "all booked": a count of nothing said as a number.
_ZERO_COUNT = re.compile(r"(?<![\d,.])0\s?(名|位|次)|at most 0\b|only 0\b")


def codes_of(scenario: Scenario) -> set[str]:
    """Ids people should never have to read: districts, funds, venues, institutions, trainers."""
    return {
        *(r.id for r in scenario.regions),
        *(f.id for f in scenario.funds),
        *(v.id for v in scenario.venues),
        *(p.id for p in scenario.providers),
        *(t.id for t in scenario.trainers),
    }


def unreadable(text: str, codes: set[str]) -> list[str]:
    """What in ``text`` a coordinator could not read as it is; empty when it reads well."""
    found = [
        f"code {c}"
        for c in sorted(codes)
        if re.search(rf"(?<![A-Za-z0-9_]){c}(?![A-Za-z0-9_])", text)
    ]
    found += [f"ISO date {m}" for m in _ISO_DATE.findall(text)]
    found += [f"money without separators {m}" for m in _BARE_MONEY.findall(text)]
    found += ["a count of nothing"] if _ZERO_COUNT.search(text) else []
    found += ["two languages glued"] if _GLUED in text else []
    return found

"""Training institutions (定点培训机构): who applies for and runs a class, and where to enrol."""

from __future__ import annotations

from trainsched.formats.common import Count, Extensions, Id, Strict

DEFAULT_ENROL_CLOSE_DAYS = 3


class Provider(Strict):
    """A designated training institution (定点培训机构) that applies for and runs classes."""

    id: Id
    name: str
    phone: str
    address: str
    regions: list[Id] | None = None
    courses: list[Id] | None = None
    enrol: str | None = None
    enrol_close_days: Count = DEFAULT_ENROL_CLOSE_DAYS
    x: Extensions | None = None

    def runs(self, course: str, region: str) -> bool:
        """True when the institution is designated for ``course`` in ``region``."""
        return (self.courses is None or course in self.courses) and (
            self.regions is None or region in self.regions
        )

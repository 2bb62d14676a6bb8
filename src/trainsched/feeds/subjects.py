"""Whose calendar a feed is, and which events and names that implies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from trainsched.formats.scenario import Scenario

SubjectKind = Literal["trainer", "mentor", "venue", "cohort", "district"]
SUBJECT_KINDS: Final = ("trainer", "mentor", "venue", "cohort", "district")
PUBLIC_KINDS: Final = frozenset({"cohort", "district"})


class UnknownSubjectError(LookupError):
    """The feed's subject is not in the scenario (the API answers 404, saying no more)."""


def _named(kind: SubjectKind, doc: str) -> classmethod[FeedSubject, [str], FeedSubject]:
    # One constructor per kind, so callers say FeedSubject.trainer("T01").
    def make(cls: type[FeedSubject], subject_id: str) -> FeedSubject:
        return cls(kind, subject_id)

    make.__doc__ = doc
    return classmethod(make)


@dataclass(frozen=True)
class FeedSubject:
    """One feed: a trainer's or mentor's diary, a venue, a class, or a district's classes."""

    kind: SubjectKind
    id: str

    trainer = _named(
        "trainer", "The diary of the person who is this trainer (and any mentor linked to them)."
    )
    mentor = _named(
        "mentor", "The diary of the person who is this mentor (and the trainer they also are)."
    )
    venue = _named("venue", "Every class day held at one venue (for coordinators).")
    cohort = _named("cohort", "Every teaching day of one class (public).")
    district = _named("district", "Every class day of the classes a district offers (public).")

    @property
    def is_public(self) -> bool:
        """True for feeds anyone may read: they carry no personal data at all."""
        return self.kind in PUBLIC_KINDS


def feed_key(kind: str, subject_id: str) -> str:
    """The audience key under which events and history name one feed role."""
    return f"{kind}:{subject_id}"


@dataclass(frozen=True)
class Audience:
    """What a subject resolves to: its feed keys, its calendar name, and a person's ids."""

    keys: frozenset[str]
    name: str
    trainer_ids: frozenset[str] = frozenset()
    mentor_ids: frozenset[str] = frozenset()
    public: bool = False

    @property
    def is_person(self) -> bool:
        """True for a trainer's or mentor's own diary."""
        return bool(self.trainer_ids or self.mentor_ids)


def resolve(scenario: Scenario, subject: FeedSubject) -> Audience:
    """The audience of a subject in this scenario; unknown ids raise ``UnknownSubjectError``."""
    if subject.kind in ("trainer", "mentor"):
        return _person(scenario, subject)
    if subject.kind == "venue":
        venue = next((v for v in scenario.venues if v.id == subject.id), None)
        if venue is None:
            raise UnknownSubjectError(subject)
        return Audience(frozenset({feed_key("venue", venue.id)}), f"{venue.name} 场地排课")
    if subject.kind == "cohort":
        cohort = next((c for c in scenario.cohorts if c.id == subject.id), None)
        if cohort is None:
            raise UnknownSubjectError(subject)
        course = next(c for c in scenario.courses if c.id == cohort.course)
        region = next((r for r in scenario.regions if r.id == cohort.region), None)
        name = course_label(course.id, course.name) + (f"（{region.name}）" if region else "")
        return Audience(frozenset({feed_key("cohort", cohort.id)}), name, public=True)
    region = next((r for r in scenario.regions if r.id == subject.id), None)
    if region is None:
        raise UnknownSubjectError(subject)
    name = f"{region.name} 创业培训班"
    return Audience(frozenset({feed_key("district", region.id)}), name, public=True)


def _person(scenario: Scenario, subject: FeedSubject) -> Audience:
    # One person, one diary: a mentor whose ``trainer`` is T and trainer T share it.
    if subject.kind == "trainer":
        trainer_id: str | None = subject.id
    else:
        mentor = next((m for m in scenario.mentors if m.id == subject.id), None)
        if mentor is None:
            raise UnknownSubjectError(subject)
        trainer_id = mentor.trainer
    trainer = next((t for t in scenario.trainers if t.id == trainer_id), None)
    if subject.kind == "trainer" and trainer is None:
        raise UnknownSubjectError(subject)
    if trainer is not None:
        mentors = [m for m in scenario.mentors if m.trainer == trainer.id]
    else:
        mentors = [m for m in scenario.mentors if m.id == subject.id]
    trainer_ids = frozenset({trainer.id}) if trainer is not None else frozenset()
    mentor_ids = frozenset(m.id for m in mentors)
    keys = {feed_key("trainer", t) for t in trainer_ids} | {
        feed_key("mentor", m) for m in mentor_ids
    }
    person = trainer.name if trainer is not None else mentors[0].name
    return Audience(
        frozenset(keys), _diary_name(person, trainer_ids, mentor_ids), trainer_ids, mentor_ids
    )


def _diary_name(person: str, trainer_ids: frozenset[str], mentor_ids: frozenset[str]) -> str:
    if trainer_ids and mentor_ids:
        return f"{person}的培训与走访日程"
    if trainer_ids:
        return f"{person}的培训日程"
    return f"{person}的走访日程"


def course_label(course_id: str, course_name: str) -> str:
    """``SYB 创办你的企业``: the course id before its name, once."""
    if course_name.startswith(course_id):
        return course_name
    return f"{course_id} {course_name}"

"""Who may see and do what: the acting user, their offices and roles, and scoped lookups.

An office sees its own work and its children's; a role held at an office holds at every
office below it. Roles are cumulative, in the order a bureau delegates: a viewer reads,
exports and follows jobs; a planner also edits scenarios, solves, re-plans and hands out
calendar links; a publisher also publishes (what trainees and trainers see); an admin also
manages the users and offices at and below their office. Anything of an office the actor
cannot see does not exist for them (NotFound, never a refusal that would confirm the id).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from sqlmodel import Session

from trainsched.formats.message import Message
from trainsched.services.errors import Forbidden, NotFound
from trainsched.store import offices
from trainsched.store.office_tables import ROLES, Role
from trainsched.store.tables import CoordinatorRow, PlanRow, ScenarioRow, SolveJobRow

Owned = TypeVar("Owned", PlanRow, SolveJobRow)

_ROLE_NAMES: dict[Role, Message] = {
    "viewer": Message("查看员", "viewer"),
    "planner": Message("规划员", "planner"),
    "publisher": Message("发布员", "publisher"),
    "admin": Message("管理员", "admin"),
}


@dataclass(frozen=True)
class Actor:
    """The user a use case acts for: who, their own office, and their role at each office seen."""

    user_id: str
    name: str
    home_office_id: str | None
    roles: Mapping[str, Role] = field(default_factory=dict)

    @property
    def office_ids(self) -> frozenset[str]:
        """Every office whose work this user sees."""
        return frozenset(self.roles)

    def sees(self, office_id: str) -> bool:
        """Whether the office's work exists for this user."""
        return office_id in self.roles

    def may(self, office_id: str, need: Role) -> bool:
        """Whether this user holds ``need`` (or a role above it) at the office."""
        held = self.roles.get(office_id)
        return held is not None and ROLES.index(held) >= ROLES.index(need)


def rank(role: Role) -> int:
    """A role's place in the order viewer < planner < publisher < admin."""
    return ROLES.index(role)


def role_name(role: Role) -> Message:
    """A role as people read it."""
    return _ROLE_NAMES[role]


def may_in_scenario(session: Session, actor: Actor, scenario_id: str, need: Role) -> bool:
    """Whether the actor holds ``need`` at the office that owns the scenario (pages show only
    the forms their user may send)."""
    row = session.get(ScenarioRow, scenario_id)
    return row is not None and actor.may(row.office_id, need)


def role_needed(need: Role) -> Message:
    """What a refusal says: the role it takes."""
    wanted = role_name(need)
    return Message(
        f"需要{wanted.zh}或更高的角色才能这样做。",
        f"this needs the {wanted.en} role or a higher one",
    )


def actor_of(session: Session, user: CoordinatorRow) -> Actor:
    """The actor a signed-in user is: the strongest role they hold at or above each office."""
    grants = offices.roles_of(session, user.id)
    roles: dict[str, Role] = {}
    for held in grants:
        for office_id in offices.below(session, [held.office_id]):
            if office_id not in roles or rank(held.role) > rank(roles[office_id]):
                roles[office_id] = held.role
    home = grants[0].office_id if grants else None
    return Actor(user.id, user.name, home, roles)


def require(actor: Actor, office_id: str, need: Role, what: str, object_id: str) -> None:
    """NotFound when the actor cannot see the office, Forbidden when their role is too weak."""
    if not actor.sees(office_id):
        raise NotFound(what, object_id)
    if not actor.may(office_id, need):
        raise Forbidden(role_needed(need))


def scenario(session: Session, actor: Actor, scenario_id: str, need: Role) -> ScenarioRow:
    """A scenario the actor may act on with role ``need``."""
    row = session.get(ScenarioRow, scenario_id)
    if row is None or not actor.sees(row.office_id):
        raise NotFound("scenario", scenario_id)
    require(actor, row.office_id, need, "scenario", scenario_id)
    return row


def plan(session: Session, actor: Actor, plan_id: str, need: Role = "viewer") -> PlanRow:
    """A plan the actor may act on with role ``need`` (it belongs to its scenario's office)."""
    return _of_scenario(session, actor, PlanRow, plan_id, need, "plan")


def job(session: Session, actor: Actor, job_id: str, need: Role = "viewer") -> SolveJobRow:
    """A solve job the actor may act on with role ``need``."""
    return _of_scenario(session, actor, SolveJobRow, job_id, need, "solve job")


def _of_scenario(
    session: Session, actor: Actor, model: type[Owned], row_id: str, need: Role, what: str
) -> Owned:
    # Plans and jobs belong to the office of the scenario they were made for.
    row = session.get(model, row_id)
    owner = session.get(ScenarioRow, row.scenario_id) if row is not None else None
    if row is None or owner is None:
        raise NotFound(what, row_id)
    require(actor, owner.office_id, need, what, row_id)
    return row


def office(session: Session, actor: Actor, office_id: str | None, need: Role) -> str:
    """An office the actor may act in with ``need``: the one named, else their own."""
    chosen = office_id or actor.home_office_id
    if chosen is None or offices.get_office(session, chosen) is None:
        raise NotFound("office", chosen or "")
    require(actor, chosen, need, "office", chosen)
    return chosen


@dataclass(frozen=True)
class OfficeChoice:
    """An office a user may pick, by name."""

    id: str
    name: str


def office_names(session: Session, actor: Actor) -> dict[str, str]:
    """The name of every office the actor sees, by id."""
    return {o.id: o.name for o in offices.list_offices(session) if actor.sees(o.id)}


def offices_where(session: Session, actor: Actor, need: Role) -> list[OfficeChoice]:
    """The offices where the actor holds ``need`` or more: their own first, then by name."""
    names = office_names(session, actor)
    found = [OfficeChoice(o, names[o]) for o in actor.office_ids if actor.may(o, need)]
    return sorted(found, key=lambda c: (c.id != actor.home_office_id, c.name, c.id))


def offices_to_plan_in(session: Session, actor: Actor) -> list[OfficeChoice]:
    """The offices where the actor may create scenarios: their own first, then by name."""
    return offices_where(session, actor, "planner")


__all__ = [
    "Actor",
    "OfficeChoice",
    "actor_of",
    "job",
    "may_in_scenario",
    "office",
    "office_names",
    "offices_to_plan_in",
    "offices_where",
    "plan",
    "rank",
    "require",
    "role_name",
    "role_needed",
    "scenario",
]

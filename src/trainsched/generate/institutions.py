"""Designated training institutions: who applies for each class, their trainers and own rooms."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from trainsched.generate.geography import District, Geography, apportion
from trainsched.generate.places import Namer

# Fictional brand names: two characters each, joined to a city and a kind of school.
_BRANDS = (
    "启航", "远帆", "恒信", "博达", "众创", "新程", "卓越", "励志", "鸿图", "创优",
    "明德", "致远", "育才", "华科", "前程", "春晖", "立业", "同创", "兴业", "嘉禾",
)  # fmt: skip
_KINDS = ("职业培训学校", "创业培训中心", "职业技能培训学校", "创业学院")
_ENROL = (
    "带身份证到本机构报名",
    "带身份证到本机构或区就业服务中心报名",
    "先电话预约，再带身份证和毕业证到校报名",
    "带身份证和户口本到本机构报名；返乡农民工可由村委会代为登记",
)
PER_SCALE = {"tiny": 2, "small": 4, "city": 10, "province": 48, "demo": 6}
SHARED = 0.35  # share of trainers in the city's shared pool, who teach for every institution
TWO = 0.25  # share of tied trainers who teach for two institutions
SELF_RUN = 0.12  # classes the district employment service centre runs without an institution
OWN_ROOMS = 0.7  # share of training-school rooms that belong to an institution


def _designated(p: Mapping[str, Any], course: str, region: str) -> bool:
    return course in p.get("courses", (course,)) and region in p.get("regions", (region,))


def _provider(
    rng: random.Random, geo: Geography, home: District, name: str, courses: Sequence[str]
) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": name, "phone": f"0000-{rng.randrange(10**6, 10**7):07d}"}
    doc["address"] = (
        f"{home.city_name}{home.name.removeprefix(home.city_name)}{Namer(rng).road()}"
        f"{rng.randint(1, 299)}号"
    )
    own_city = [d.id for d in geo.districts if d.city == home.city]
    if rng.random() < 0.5:
        near = [d.id for d in geo.neighbours(home) if d.city == home.city][: rng.randint(1, 2)]
        own_city = sorted({home.id, *near})
    if len(own_city) < len(geo.districts):
        doc["regions"] = own_city
    taught = [c for c in courses if c == "SYB" or rng.random() < 0.55]
    if len(taught) < len(courses):
        doc["courses"] = taught or [courses[0]]
    doc["enrol"] = rng.choice(_ENROL)
    close = rng.choice((3, 3, 3, 5, 2))
    if close != 3:
        doc["enrol_close_days"] = close
    return doc


def provider_docs(
    rng: random.Random, geo: Geography, courses: Sequence[str], total: int
) -> list[dict[str, Any]]:
    """``total`` institutions over the cities by their number of districts, at least one each."""
    per_city = apportion(
        max(total, len(geo.cities)),
        [sum(1 for d in geo.districts if d.city == c) for c in range(len(geo.cities))],
        minimum=1,
    )
    out: list[dict[str, Any]] = []
    for city, n in enumerate(per_city):
        districts = sorted(
            (d for d in geo.districts if d.city == city), key=lambda d: (-d.weight, d.id)
        )
        for k, brand in enumerate(rng.sample(_BRANDS, min(n, len(_BRANDS)))):
            home = districts[k % len(districts)]
            name = geo.cities[city] + brand + rng.choice(_KINDS)
            doc = _provider(rng, geo, home, name, courses)
            out.append({"id": f"P{len(out) + 1:03d}", **doc})
    return out


def apply_for_classes(
    rng: random.Random, providers: Sequence[Mapping[str, Any]], cohorts: list[dict[str, Any]]
) -> None:
    """Most classes are applied for by one designated institution; a few are self-run."""
    for c in cohorts:
        able = [p for p in providers if _designated(p, str(c["course"]), str(c["region"]))]
        if able and rng.random() >= SELF_RUN:
            c["provider"] = rng.choice(able)["id"]


def _serves(t: Mapping[str, Any]) -> list[str]:
    return list(t.get("serves_regions", [t["region"]]))


def tie_trainers(
    rng: random.Random, providers: Sequence[Mapping[str, Any]], trainers: list[dict[str, Any]]
) -> None:
    """Some trainers stay in the shared pool; the rest teach for one or two institutions."""
    for t in trainers:
        if rng.random() < SHARED:
            continue
        able = [
            p["id"]
            for p in providers
            if any(_designated(p, q, r) for q in t["qualifications"] for r in _serves(t))
        ]
        if able:
            k = 2 if rng.random() < TWO and len(able) > 1 else 1
            t["providers"] = sorted(rng.sample(able, k))


def _teaches(t: Mapping[str, Any], course: str, region: str, provider: str) -> bool:
    tied = t.get("providers")
    return course in t["qualifications"] and region in _serves(t) and (not tied or provider in tied)


def cover_classes(
    trainers: list[dict[str, Any]],
    cohorts: Sequence[Mapping[str, Any]],
    required: Mapping[str, int],
) -> None:
    """Every institution's class has enough of its own or shared trainers to be teachable."""
    asked = sorted({(str(c["provider"]), str(c["region"]), str(c["course"])) for c in cohorts
                    if "provider" in c})  # fmt: skip
    for provider, region, course in asked:
        need = required[course] - sum(1 for t in trainers if _teaches(t, course, region, provider))
        for t in trainers:
            if need <= 0:
                break
            if course in t["qualifications"] and region in _serves(t) and t.get("providers"):
                if provider in t["providers"]:
                    continue
                if len(t["providers"]) < 2:
                    t["providers"] = sorted([*t["providers"], provider])
                else:
                    del t["providers"]  # back into the shared pool
                need -= 1


def own_rooms(
    rng: random.Random, providers: Sequence[Mapping[str, Any]], venues: list[dict[str, Any]]
) -> None:
    """Most training-school rooms belong to an institution working in their district."""
    for v in venues:
        if v.get("kind") != "school" or rng.random() >= OWN_ROOMS:
            continue
        able = [p["id"] for p in providers if str(v["region"]) in p.get("regions", [v["region"]])]
        if able:
            v["provider"] = rng.choice(able)


def add_institutions(
    rng: random.Random,
    geo: Geography,
    label: str,
    doc: dict[str, Any],
) -> None:
    """Give a generated scenario document its institutions, in place."""
    courses = [str(c["id"]) for c in doc["courses"]]
    providers = provider_docs(rng, geo, courses, PER_SCALE[label])
    apply_for_classes(rng, providers, doc["cohorts"])
    tie_trainers(rng, providers, doc["trainers"])
    required = {str(c["id"]): int(c["trainers_required"]) for c in doc["courses"]}
    cover_classes(doc["trainers"], doc["cohorts"], required)
    own_rooms(rng, providers, doc["venues"])
    doc["providers"] = providers

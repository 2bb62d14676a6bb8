"""The one ordered list of checks: the spec's hard rules 1–7, then plan consistency."""

from __future__ import annotations

from trainsched.checker import (
    cohort_rules,
    consistency,
    fund_rules,
    mentor_rules,
    provider_rules,
    trainer_rules,
    visit_rules,
)
from trainsched.checker.model import Check

CHECKS: tuple[Check, ...] = (
    # 1. days
    Check("days-consecutive-working", "1", cohort_rules.days_consecutive_working),
    Check("days-in-window", "1", cohort_rules.days_in_window),
    Check("max-span", "1", cohort_rules.max_span),
    # 2. venue
    Check("venue-region", "2", cohort_rules.venue_region),
    Check("venue-capacity", "2", cohort_rules.venue_capacity),
    Check("venue-available", "2", cohort_rules.venue_available),
    Check("venue-one-class-a-day", "2", cohort_rules.venue_one_class_a_day),
    # 3. trainers
    Check("trainer-count", "3", trainer_rules.trainer_count),
    Check("trainer-distinct", "3", trainer_rules.trainer_distinct),
    Check("trainer-qualified", "3", trainer_rules.trainer_qualified),
    Check("trainer-serves-region", "3", trainer_rules.trainer_serves_region),
    Check("trainer-available", "3", trainer_rules.trainer_available),
    Check("trainer-double-booked", "3", trainer_rules.trainer_double_booked),
    Check("trainer-month-cap", "3", trainer_rules.trainer_month_cap),
    Check("trainer-total-cap", "3", trainer_rules.trainer_total_cap),
    # 4. pinned parts
    Check("pinned-kept", "4", cohort_rules.pinned_kept),
    # 5. money
    Check("fund-not-overspent", "5", fund_rules.fund_not_overspent),
    # 6. mentor visits
    Check("visit-working-day", "6", visit_rules.visit_working_day),
    Check("visit-in-window", "6", visit_rules.visit_in_window),
    Check("mentor-topic", "6", visit_rules.mentor_topic),
    Check("mentor-available", "6", visit_rules.mentor_available),
    Check("mentor-day-cap", "6", mentor_rules.mentor_day_cap),
    Check("mentor-week-cap", "6", mentor_rules.mentor_week_cap),
    Check("mentor-teaching-that-day", "6", mentor_rules.mentor_teaching_that_day),
    Check("visit-min-gap", "6", visit_rules.visit_min_gap),
    Check("visit-count-not-exceeded", "6", visit_rules.visit_count_not_exceeded),
    Check("mentor-km-limit", "6", mentor_rules.mentor_km_limit),
    # 7. training institutions
    Check("provider-trainers", "7", provider_rules.provider_trainers),
    Check("provider-venue", "7", provider_rules.provider_venue),
    # plan consistency (not a hard rule of the schedule, but of the document)
    Check("scenario-name-matches", "", consistency.scenario_name_matches),
    Check("references-resolve", "", consistency.references_resolve),
    Check("cohort-accounted-once", "", consistency.cohort_accounted_once),
    Check("visit-order-sequence", "", consistency.visit_order_sequence),
    Check("fund-use-reported", "", consistency.fund_use_reported),
    Check("unscheduled-visits-reported", "", consistency.unscheduled_visits_reported),
    Check("objective-matches", "", consistency.objective_matches),
    Check("bound-not-below-objective", "", consistency.bound_not_below_objective),
)

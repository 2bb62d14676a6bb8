"""Mentor visits: assign requests to mentors, place visits on days, repair, explain the rest."""

from trainsched.solver.visits.greedy import greedy_visits
from trainsched.solver.visits.result import VisitResult
from trainsched.solver.visits.solve import solve_visits

__all__ = ["VisitResult", "greedy_visits", "solve_visits"]

"""trainsched: plans entrepreneurship-training cohorts and mentor visits within subsidy funds."""

__version__ = "0.1.0"

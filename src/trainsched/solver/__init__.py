"""The optimisation core: places cohorts and mentor visits (OR-Tools CP-SAT)."""

"""Thin HTTP routes; the work is in ``trainsched.services``."""

"""Seeded, realistic scenario generator (tiny to province scale) and the bundled fixtures."""

from trainsched.generate.build import demo_city, generate_scenario, write_fixtures
from trainsched.generate.capacity import Tightness, tightness
from trainsched.generate.profiles import Scale

__all__ = ["Scale", "Tightness", "demo_city", "generate_scenario", "tightness", "write_fixtures"]

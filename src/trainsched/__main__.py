"""Allow ``python -m trainsched``."""

from trainsched.cli import main

main()

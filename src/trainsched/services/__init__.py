"""The application layer: one function per use case, plain arguments in, domain objects out.

Every adapter (API, pages, command line, workers) goes through these functions; none of them
knows HTTP, HTML or exit codes. Failures are the domain errors of :mod:`.errors`.
"""

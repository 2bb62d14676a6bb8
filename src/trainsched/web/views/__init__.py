"""View models and the services that build them for the pages."""

"""Service functions the API routes call: all the work, none of the HTTP."""

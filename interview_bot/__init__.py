"""The composition root: configuration, wiring and the ``interview-bot`` command line."""

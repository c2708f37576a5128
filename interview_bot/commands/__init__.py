"""Sub-commands of the ``interview-bot`` command line, one module each."""

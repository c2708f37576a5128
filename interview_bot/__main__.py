"""Allows ``python -m interview_bot``."""

from interview_bot.cli import main

main()

"""The terminal adapter: practise with no tokens and no network."""

from adapters.console.session import ConsoleSession

__all__ = ["ConsoleSession"]

"""``interview-bot discord``: run the Discord bot (slash commands, buttons, the Answer modal and DMs)."""

from __future__ import annotations

import asyncio
import logging
import signal

import typer

from interview_bot.config import Settings
from interview_bot.drills_runtime import DrillsRuntime
from interview_bot.startup import setup_logging
from interview_bot.wiring import running_bot

log = logging.getLogger(__name__)


def _fail(message: str, code: int) -> int:
    typer.echo(f"Error: {message}", err=True)
    return code


async def _serve(settings: Settings, token: str) -> int:
    """Run the client until it is closed by a signal or refused by Discord."""
    import aiohttp
    import discord as discord_py

    from adapters.discord import DiscordTransport, build_client

    async with running_bot(settings) as running:
        client = build_client(
            running.engine,
            guild_ids=settings.discord_guild_ids,
            shard_count=settings.discord_shard_count,
            shard_ids=settings.discord_shard_ids,
        )
        transport = DiscordTransport(client)
        drills = DrillsRuntime(
            running.engine,
            running.database.drills,
            transport,
            "discord",
            ready=client.is_ready,
            shared=running.database.send_budget,
        )
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(drills.stop_then(client.close)))
        try:
            async with client, drills:
                await client.start(token)
        except discord_py.LoginFailure:
            return _fail("Discord refused the token in DISCORD_TOKEN; copy it again from the Bot page.", 1)
        except discord_py.PrivilegedIntentsRequired:
            return _fail("Discord asked for a privileged intent; this bot should need none.", 1)
        except discord_py.ConnectionClosed as exc:
            return _fail(f"Discord closed the gateway connection (code {exc.code}).", 1)
        except (aiohttp.ClientError, OSError) as exc:
            return _fail(f"cannot reach Discord: {type(exc).__name__}: {exc}", 1)
    log.info("stopped")
    return 0


def discord_bot() -> None:
    """Run the Discord bot (DISCORD_TOKEN; optional DISCORD_GUILD_IDS to sync commands to test servers)."""
    try:
        settings = Settings()
    except ValueError as exc:
        problem = ": ".join(str(exc).splitlines()[:2])
        raise typer.Exit(
            _fail(f"{problem}. DISCORD_GUILD_IDS is a list of server ids, e.g. 1234,5678.", 2)
        ) from None
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        raise typer.Exit(
            _fail(
                "DISCORD_TOKEN is not set. Create an application at "
                "https://discord.com/developers/applications, add a bot, "
                "and export the token from its Bot page.",
                2,
            )
        )
    setup_logging(settings.log_level, token)
    raise typer.Exit(asyncio.run(_serve(settings, token)))

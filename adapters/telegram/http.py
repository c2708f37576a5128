"""The bot's HTTP transport to the Bot API: python-telegram-bot's ``BaseRequest`` on an aiohttp session.

python-telegram-bot's default transport (``HTTPXRequest``) spends about a millisecond of CPU on each
Bot API call (httpx, httpcore and anyio in pure Python); aiohttp's C-accelerated HTTP parser and
thinner stack cost about a third of that, and a bot makes one call per message it sends.  This class
keeps ``HTTPXRequest``'s contract: the same default timeouts (a longer write timeout for uploads),
``TimedOut`` for a timeout and ``NetworkError`` for any other transport failure (which the caller's
retries and the runner's error messages rely on), form-encoded parameters, multipart uploads, the
same trusted certificates (certifi's, or ``SSL_CERT_FILE``/``SSL_CERT_DIR``), and an HTTP proxy
named by the environment (``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY``, ``NO_PROXY``, as httpx
reads them; aiohttp cannot use an HTTPS or SOCKS proxy).  The status code and body go back to
python-telegram-bot unparsed; it turns API errors (400, 403, 429...) into its own.
"""

from __future__ import annotations

import os
import ssl
import urllib.request
from urllib.parse import urlsplit

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

POOL_SIZE = 256
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
CONNECT_TIMEOUT = 5.0
POOL_TIMEOUT = 1.0
MEDIA_WRITE_TIMEOUT = 20.0
_DEFAULT = type(BaseRequest.DEFAULT_NONE)
"""The type of python-telegram-bot's "not given, use the default" marker for a timeout."""


class AiohttpRequest(BaseRequest):
    """Bot API calls over one pooled aiohttp session (made on ``initialize``, closed on ``shutdown``).

    Timeouts are in seconds (``None``: no limit) and mean what ``HTTPXRequest``'s do, except that
    aiohttp has no per-write limit: ``write_timeout`` bounds the whole call instead, together with
    the others (connect + pool + write + read), so no call can hang for ever.
    """

    __slots__ = ("_defaults", "_media_write_timeout", "_pool_size", "_proxies", "_session")

    def __init__(
        self,
        connection_pool_size: int = POOL_SIZE,
        read_timeout: float | None = READ_TIMEOUT,
        write_timeout: float | None = WRITE_TIMEOUT,
        connect_timeout: float | None = CONNECT_TIMEOUT,
        pool_timeout: float | None = POOL_TIMEOUT,
        media_write_timeout: float | None = MEDIA_WRITE_TIMEOUT,
    ) -> None:
        self._pool_size = connection_pool_size
        self._defaults = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout in seconds (python-telegram-bot adds it to long polls)."""
        return self._defaults[0]

    async def initialize(self) -> None:
        """Open the session (inside the running event loop); again after a ``shutdown``."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ssl=trusted_roots()),
                cookie_jar=aiohttp.DummyCookieJar(),  # the Bot API sets no cookies; keep none
                timeout=aiohttp.ClientTimeout(total=None),
            )
            self._proxies.clear()

    async def shutdown(self) -> None:
        """Close the session and its connections (idempotent)."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    def proxy_for(self, url: str) -> str | None:
        """The proxy the environment names for ``url``'s origin (``*_PROXY``, ``NO_PROXY``), if any.

        Looked up once per origin: aiohttp's own ``trust_env`` would read the environment and the
        ``.netrc`` file in worker threads on every call, which costs more than the call itself.
        """
        origin = url.split("/", 3)
        key = "/".join(origin[:3])
        if key not in self._proxies:
            parts = urlsplit(url)
            proxies = urllib.request.getproxies_environment()
            host = parts.hostname or ""
            bypass = not proxies or urllib.request.proxy_bypass_environment(host, proxies)
            self._proxies[key] = None if bypass else proxies.get(parts.scheme) or proxies.get("all")
        return self._proxies[key]

    def timeout(
        self, read: object, write: object, connect: object, pool: object, *, upload: bool
    ) -> aiohttp.ClientTimeout:
        """One call's aiohttp timeouts from python-telegram-bot's four (the default where not given)."""
        write_default = self._media_write_timeout if upload else self._defaults[1]
        defaults = (self._defaults[0], write_default, self._defaults[2], self._defaults[3])
        given = (read, write, connect, pool)
        chosen = [d if isinstance(g, _DEFAULT) else _seconds(g) for g, d in zip(given, defaults, strict=True)]
        read_s, _, connect_s, pool_s = chosen
        total = None if None in chosen else sum(s for s in chosen if s is not None)
        waiting = None if connect_s is None or pool_s is None else connect_s + pool_s
        return aiohttp.ClientTimeout(total=total, connect=waiting, sock_connect=connect_s, sock_read=read_s)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make the call; return the status code and the raw body (see ``BaseRequest.do_request``)."""
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        fields = request_data.json_parameters if request_data else None
        data: aiohttp.FormData | dict[str, str] | None = fields
        if files:
            form = aiohttp.FormData(fields or {})
            for name, (filename, content, mimetype) in files.items():
                form.add_field(name, content, filename=filename, content_type=mimetype)
            data = form
        timeout = self.timeout(read_timeout, write_timeout, connect_timeout, pool_timeout, upload=bool(files))
        try:
            async with session.request(
                method,
                url,
                data=data,
                headers={"User-Agent": self.USER_AGENT},
                timeout=timeout,
                proxy=self.proxy_for(url),
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's timeouts are (subclasses of) TimeoutError
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def trusted_roots() -> ssl.SSLContext:
    """The TLS context httpx would verify the API's certificate with: ``SSL_CERT_FILE`` or
    ``SSL_CERT_DIR`` if set, else certifi's bundle (the system's when certifi is missing)."""
    if os.environ.get("SSL_CERT_FILE"):
        return ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
    if os.environ.get("SSL_CERT_DIR"):
        return ssl.create_default_context(capath=os.environ["SSL_CERT_DIR"])
    try:
        import certifi
    except ImportError:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())


def _seconds(value: object) -> float | None:
    """A timeout python-telegram-bot gave (seconds, or None for no limit) as a float or None."""
    return None if value is None else float(value)  # type: ignore[arg-type]

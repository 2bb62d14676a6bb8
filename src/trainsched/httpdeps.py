"""Request plumbing both HTTP adapters share: settings, store, sessions, clock, jobs, sign-in."""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.sse import ServerSentEvent
from pydantic import TypeAdapter
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.routing import Match

from trainsched.jobs.backend import JobBackend
from trainsched.services import access, jobs, sessions
from trainsched.services.access import Actor
from trainsched.services.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    TooLarge,
    TooManyAttempts,
    Unauthenticated,
)
from trainsched.services.jobs import JobStatus
from trainsched.services.prepared import Prepared
from trainsched.services.publications import Publications
from trainsched.settings import Settings
from trainsched.store.db import session_scope
from trainsched.store.tables import CoordinatorRow, utcnow

_bearer = HTTPBearer(
    auto_error=False, description="A coordinator's token from `trainsched users add`."
)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

_STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (NotFound, 404),
    (PreconditionFailed, 412),
    (PreconditionRequired, 428),
    (Invalid, 422),
    (TooLarge, 413),
    (Unauthenticated, 401),
    (Forbidden, 403),
    (Conflict, 409),
    (TooManyAttempts, 429),
)


def status_of(exc: DomainError) -> int:
    """The HTTP status both adapters answer a refused use case with."""
    return next((status for kind, status in _STATUS if isinstance(exc, kind)), 400)


def allowed_methods(request: Request) -> str:
    """Every method some route answers at this request's path (for a 405's ``Allow``).

    Each route serves one method, so the router alone would name only the first it found.
    """
    allowed = [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL
            for route in request.app.router.routes
        )
    ]
    return ", ".join(allowed)


def _app_state(name: str) -> Callable[[Request], Awaitable[Any]]:
    """A dependency that answers the app's object kept as ``app.state.<name>`` (the ``...Dep``
    aliases below say its type)."""

    # The app's objects are plain reads: async, so FastAPI runs them on the event loop (a sync
    # dependency costs every request a trip to the thread pool, the most of a hot page's time).
    async def dependency(request: Request) -> Any:
        return getattr(request.app.state, name)

    # Named as a hand-written one would be, for tracebacks and dependency listings.
    dependency.__name__ = dependency.__qualname__ = f"get_{name}"
    return dependency


get_settings = _app_state("settings")
get_engine = _app_state("engine")
# The solve-job backend: local threads or the distributed queue.
get_runner = _app_state("runner")
# The memory of what is published and what public pages and feeds built from it.
get_publications = _app_state("publications")


def get_session(
    engine: Annotated[Engine, Depends(get_engine)],
    publications: Annotated[Publications, Depends(get_publications)],
) -> Iterator[Session]:
    """A session that commits when the request succeeds and rolls back when it fails."""
    with session_scope(engine) as session:
        yield session
    # Only once committed: a reader in between would remember what is about to change.
    publications.forget_changed(session)


# A host name, IPv4 or [IPv6] address, with an optional port: nothing else goes into a link.
_HOST = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")


def public_base(request: Request, settings: Settings) -> str:
    """The address people reach this server at, for every link in pages, answers and feeds.

    The configured public URL when there is one; otherwise the scheme, host and port the
    client used, so links work on any port. ``X-Forwarded-Proto``/``-Host`` count only when
    the request comes from a configured trusted proxy (anyone else could send them).
    """
    if settings.public_base_url:
        return settings.public_base_url
    scheme = request.url.scheme
    host = request.headers.get("host", "")
    client = request.client.host if request.client else None
    if client and _trusted(client, settings.trusted_proxies):
        scheme = _first(request.headers.get("x-forwarded-proto")) or scheme
        host = _first(request.headers.get("x-forwarded-host")) or host
    if scheme not in ("http", "https"):
        scheme = "http"
    if not _HOST.match(host):
        server = request.scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scheme}://{host}{request.scope.get('root_path', '')}".rstrip("/")


def client_address(request: Request, settings: Settings) -> str:
    """The address of whoever sent the request, for rate limits.

    ``X-Forwarded-For`` counts only when the request comes from a configured trusted proxy,
    as the forwarded scheme and host do in ``public_base``. Proxies append the address they
    got the request from, so the list is read from the right, past every trusted proxy: the
    first address no trusted proxy vouches for is the client (anything a client wrote at the
    left of the header itself is never believed).
    """
    peer = request.client.host if request.client else "unknown"
    if not _trusted(peer, settings.trusted_proxies):
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, settings.trusted_proxies):
            return hop if _is_address(hop) else peer
    return peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _first(header: str | None) -> str:
    # Proxies in a chain append: the first value is what the client used.
    return header.split(",", 1)[0].strip().lower() if header else ""


def _trusted(client: str, proxies: tuple[str, ...]) -> bool:
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return False
    return any(address in network for network in _networks(proxies))


@lru_cache(maxsize=8)
def _networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


async def get_public_base(
    request: Request, settings: Annotated[Settings, Depends(get_settings)]
) -> str:
    """``public_base`` as a dependency."""
    return public_base(request, settings)


async def get_now() -> dt.datetime:
    """The current instant, timezone-aware (tests pin it to keep dated pages stable)."""
    return utcnow()


SettingsDep = Annotated[Settings, Depends(get_settings)]
NowDep = Annotated[dt.datetime, Depends(get_now)]
PublicBaseDep = Annotated[str, Depends(get_public_base)]
EngineDep = Annotated[Engine, Depends(get_engine)]
PublicationsDep = Annotated[Publications, Depends(get_publications)]
RunnerDep = Annotated[JobBackend, Depends(get_runner)]
# Function scope: the session commits before the response is sent, so a client that
# got 201 always finds what it created.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def current_coordinator(
    request: Request,
    session: SessionDep,
    engine: EngineDep,
    settings: SettingsDep,
    now: NowDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> CoordinatorRow:
    """The coordinator whose working bearer token came with the request; 401, or 429."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("a coordinator's bearer token is required")
    return sessions.bearer_coordinator(
        engine,
        session,
        settings,
        token=credentials.credentials,
        client=client_address(request, settings),
        now=now,
    )


CurrentCoordinator = Annotated[CoordinatorRow, Depends(current_coordinator)]


def actor_for(session: Session, user: CoordinatorRow) -> Actor:
    """The actor a signed-in user is, for the API and the pages alike (offices and roles)."""
    return access.actor_of(session, user)


def current_actor(session: SessionDep, user: CurrentCoordinator) -> Actor:
    """The actor whose bearer token came with the request, or 401."""
    return actor_for(session, user)


CurrentActor = Annotated[Actor, Depends(current_actor)]


_JOB_JSON = TypeAdapter(JobStatus)


async def job_event_stream(engine: Engine, job_id: str) -> AsyncIterator[ServerSentEvent]:
    """A job's progress as server-sent events: ``progress`` on change, then one ``end``.

    The API streams it to bearer clients and the job page to signed-in browsers, alike.
    """
    async for kind, seq, job in jobs.watch(engine, job_id):
        if job is None:
            yield ServerSentEvent(event="end", data={"id": job_id, "state": "deleted"})
            return
        data = _JOB_JSON.dump_python(job, mode="json")
        yield ServerSentEvent(event=kind, id=str(seq), data=data)


def prepared_answer(
    prepared: Prepared, request: Request, headers: Mapping[str, str] | None = None
) -> Response:
    """Prepared bytes as the caller asks: 304 when its copy is current, else compressed
    when it accepts a coding we hold; validators and ``Vary`` on every answer."""
    coding = prepared.coding_for(request.headers.get("accept-encoding"))
    answer = {
        "ETag": prepared.etag_for(coding),
        "Last-Modified": email.utils.format_datetime(prepared.last_modified, usegmt=True),
        "Vary": "Accept-Encoding",
        **prepared.headers,
        **(headers or {}),
    }
    asked = request.headers
    if prepared.current_for(asked.get("if-none-match"), asked.get("if-modified-since")):
        return Response(status_code=304, headers=answer)
    if coding is None:
        return Response(prepared.body, media_type=prepared.media_type, headers=answer)
    answer["Content-Encoding"] = coding
    return Response(prepared.encoded[coding], media_type=prepared.media_type, headers=answer)

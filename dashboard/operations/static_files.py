"""How long browsers keep the built frontend, which the instances serve themselves.

Reflex's production build names every script and stylesheet under ``/assets/`` by a hash of
its content, so a file there never changes: browsers may keep it for a year without asking
again (``immutable``). Reflex's static files carry no ``Cache-Control``, so browsers guessed
from the file's age and, once that guess ran out, asked for each of a page's twenty-odd
files again before running any of them. The pages themselves name those files, so a browser
must check a page with the server every time (``no-cache``: a cheap 304 when nothing
changed): after a release, nobody is left with a page that names files no longer there.
A response that says how it is cached already (the endpoints' downloads and feeds) keeps
its own header.
"""

from __future__ import annotations

HASHED = "/assets/"
IMMUTABLE = b"public, max-age=31536000, immutable"
REVALIDATE = b"no-cache"


def _policy(path: str, headers: list[tuple[bytes, bytes]]) -> bytes | None:
    if any(name.lower() == b"cache-control" for name, _ in headers):
        return None
    if path.startswith(HASHED):
        return IMMUTABLE
    content_type = next((value for name, value in headers
                         if name.lower() == b"content-type"), b"")
    return REVALIDATE if content_type.startswith(b"text/html") else None


def cache_headers(app):
    """ASGI middleware: ``Cache-Control`` for the built frontend's files and pages."""

    async def with_cache_headers(scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return await app(scope, receive, send)

        async def send_with_policy(message):
            if message["type"] == "http.response.start" and message["status"] in (200, 304):
                headers = list(message.get("headers") or [])
                policy = _policy(scope["path"], headers)
                if policy is not None:
                    message = {**message, "headers": [*headers, (b"cache-control", policy)]}
            await send(message)

        return await app(scope, receive, send_with_policy)

    return with_cache_headers

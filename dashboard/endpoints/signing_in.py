"""Signing in and out as backend routes: the only places the session cookie is set or
cleared, HttpOnly (the browser's scripts never see it), SameSite=Lax, and Secure when the
site is served over HTTPS.

The sign-in page's form posts here (a real HTML form: the password never passes through the
websocket or the page's state) and the browser is sent back (303) to the page it came from,
or to the sign-in page with a problem code (``dashboard.domain.signing_in.PROBLEMS``) that
the page shows in the reader's language. Every form here must come from this site's own
pages (Origin or Referer), so another site cannot sign a visitor in or out.

Argon2 is slow on purpose: the checks run in a worker thread, never on the event loop.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from dashboard import routes as paths
from dashboard.domain.auth import SESSION_COOKIE, SessionPolicy
from dashboard.domain.signing_in import (
    SignedIn,
    SignInRefused,
    demo_sign_in,
    safe_next,
    sign_in,
    sign_out,
    sign_out_everywhere,
)


def reflex_config():
    from reflex.config import get_config

    return get_config()


def frontend(path: str) -> str:
    """A page's address: the frontend may be on another port (``reflex run`` in dev)."""
    return (reflex_config().deploy_url or "").rstrip("/") + path


def _origin(url: str | None) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def from_this_site(request: Request) -> bool:
    """The form was posted from one of this site's pages (the frontend or the backend)."""
    config = reflex_config()
    allowed = {_origin(config.deploy_url), _origin(config.api_url), _origin(str(request.url))}
    asked = request.headers.get("origin") or _origin(request.headers.get("referer"))
    return bool(asked) and asked.lower() in allowed - {""}


def client_address(request: Request) -> str:
    """The client's address, as Reflex works it out (X-Forwarded-For only through the
    configured number of trusted proxies)."""
    address = request.client.host if request.client else ""
    hops = reflex_config().trusted_proxy_hops
    if hops:
        forwarded = [ip.strip() for ip in request.headers.get("x-forwarded-for", "").split(",")
                     if ip.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    return address


def served_over_https(request: Request) -> bool:
    """The request came over HTTPS, or through a proxy that says so, or the site's public
    backend address is https (a proxy that says nothing)."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return (request.url.scheme == "https" or forwarded == "https"
            or (reflex_config().api_url or "").lower().startswith("https://"))


def to_sign_in_page(code: str, next_page: str, **params: object) -> RedirectResponse:
    query = {"problem": code, **{k: str(v) for k, v in params.items()}}
    if next_page != "/":
        query["next"] = next_page
    return RedirectResponse(frontend(f"{paths.SIGN_IN}?{urlencode(query)}"), status_code=303)


async def signed_in_response(request: Request, signed_in: SignedIn, next_page: str) -> Response:
    """Back to the page, with the new session's cookie; the session this browser had (signing
    in as someone else) ends."""
    replaced = request.cookies.get(SESSION_COOKIE, "")
    if replaced and replaced != signed_in.token:
        await run_in_threadpool(in_transaction, sign_out, replaced)
    response = RedirectResponse(frontend(next_page), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, signed_in.token,
        max_age=int(SessionPolicy.from_environ().lifetime.total_seconds()), path="/",
        httponly=True, samesite="lax", secure=served_over_https(request))
    return response


def signed_out_response(request: Request, page: str) -> Response:
    response = RedirectResponse(frontend(page), status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                           secure=served_over_https(request))
    return response


def in_transaction(operation, *args):
    """Run ``operation(session, *args)`` in one transaction, committed whether it succeeds
    or refuses (a refusal may have written its audit entry)."""
    from reflex.model import get_engine
    from sqlmodel import Session

    with Session(get_engine()) as session:
        try:
            result = operation(session, *args)
        except SignInRefused:
            session.commit()
            raise
        session.commit()
    return result


async def sign_in_form(request: Request) -> Response:
    form = await request.form()
    next_page = safe_next(str(form.get("next") or ""))
    if not from_this_site(request):
        return to_sign_in_page("form", next_page)
    try:
        signed_in = await run_in_threadpool(
            in_transaction, sign_in, str(form.get("email") or ""),
            str(form.get("password") or ""), client_address(request))
    except SignInRefused as refusal:
        return to_sign_in_page(refusal.code, next_page, **refusal.params)
    return await signed_in_response(request, signed_in, next_page)


async def demo(request: Request) -> Response:
    form = await request.form()
    next_page = safe_next(str(form.get("next") or ""))
    if not from_this_site(request):
        return to_sign_in_page("form", next_page)
    try:
        signed_in = await run_in_threadpool(in_transaction, demo_sign_in,
                                            str(form.get("role") or ""))
    except SignInRefused as refusal:
        return to_sign_in_page(refusal.code, next_page)
    return await signed_in_response(request, signed_in, next_page)


async def sign_out_form(request: Request) -> Response:
    if not from_this_site(request):
        return RedirectResponse(frontend(paths.OVERVIEW), status_code=303)
    await run_in_threadpool(in_transaction, sign_out, request.cookies.get(SESSION_COOKIE, ""))
    return signed_out_response(request, paths.OVERVIEW)


async def sign_out_everywhere_form(request: Request) -> Response:
    if not from_this_site(request):
        return RedirectResponse(frontend(paths.OVERVIEW), status_code=303)
    await run_in_threadpool(in_transaction, sign_out_everywhere,
                            request.cookies.get(SESSION_COOKIE, ""))
    return signed_out_response(request, f"{paths.SIGN_IN}?{urlencode({'done': 'everywhere'})}")


routes = [
    Route(paths.SIGN_IN_FORM, sign_in_form, methods=["POST"]),
    Route(paths.DEMO_SIGN_IN, demo, methods=["POST"]),
    Route(paths.SIGN_OUT, sign_out_form, methods=["POST"]),
    Route(paths.SIGN_OUT_EVERYWHERE, sign_out_everywhere_form, methods=["POST"]),
]

"""A small OpenID Connect provider on 127.0.0.1, shaped like Microsoft Entra ID's
multi-tenant endpoint, for the organisation sign-in tests.

It serves a discovery document (issuer ``.../{tenantid}/v2.0``), its JWKS, an authorize
endpoint that signs in whoever the test chose (``sign_in_as``) and redirects back with a
code at once, and a token endpoint that checks the client's secret, the redirect address and
the PKCE verifier before returning an ID token signed with its RSA key. A test can make that
token wrong on purpose: another tenant, another audience, another issuer, another nonce, an
unverified email, or a key the provider does not publish.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from urllib.parse import urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

CLIENT_ID = "cymuned-test-client"
CLIENT_SECRET = "a test client secret"
ALLOWED_TENANT = "7f1a4f4e-0c1b-4c8e-9d7a-1d2c3b4a5f60"
OTHER_TENANT = "0b5e2d8c-6a4f-4f3e-8c1d-9e8f7a6b5c4d"


class OpenIdProvider:
    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "provider-key", "use": "sig"})
        self.codes: dict[str, dict] = {}
        self.person: dict = {}
        self.token_changes: dict = {}
        self.pkce_checked = 0
        self.base = ""
        self._server: uvicorn.Server | None = None
        self.app = Starlette(routes=[
            Route("/{tenant}/v2.0/.well-known/openid-configuration", self.discovery),
            Route("/keys", self.keys),
            Route("/authorize", self.authorize),
            Route("/token", self.token, methods=["POST"]),
        ])

    # --- what the tests choose ---------------------------------------------------------

    def sign_in_as(self, email: str, tenant: str = ALLOWED_TENANT, subject: str = "",
                   name: str = "Test Person", verified: bool = True, **token_changes) -> None:
        """Who the next authorization signs in; ``token_changes`` overwrite ID token
        claims (e.g. aud=..., iss=..., nonce=...), or sign_with=<another key>."""
        self.person = {"email": email, "tid": tenant, "name": name,
                       "sub": subject or "sub-" + hashlib.sha256(email.encode()).hexdigest()[:16],
                       "oid": secrets.token_hex(8)}
        if verified:
            self.person["xms_edov"] = True
        self.token_changes = token_changes

    def settings(self) -> dict[str, str]:
        return {"CYMUNED_OIDC_CLIENT_ID": CLIENT_ID,
                "CYMUNED_OIDC_CLIENT_SECRET": CLIENT_SECRET,
                "CYMUNED_OIDC_AUTHORITY": f"{self.base}/organizations/v2.0",
                "CYMUNED_OIDC_ALLOWED_TENANTS": ALLOWED_TENANT}

    # --- the provider ------------------------------------------------------------------

    async def discovery(self, request: Request) -> JSONResponse:
        return JSONResponse({
            "issuer": f"{self.base}/{{tenantid}}/v2.0",
            "authorization_endpoint": f"{self.base}/authorize",
            "token_endpoint": f"{self.base}/token",
            "jwks_uri": f"{self.base}/keys",
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "id_token_signing_alg_values_supported": ["RS256"],
        })

    async def keys(self, request: Request) -> JSONResponse:
        return JSONResponse(KeySet([self.key]).as_dict(private=False))

    async def authorize(self, request: Request) -> RedirectResponse | JSONResponse:
        q = request.query_params
        if (q.get("response_type") != "code" or q.get("client_id") != CLIENT_ID
                or q.get("code_challenge_method") != "S256" or not q.get("code_challenge")
                or not q.get("state") or not q.get("nonce") or "openid" not in q.get("scope", "")):
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"challenge": q["code_challenge"], "redirect_uri": q["redirect_uri"],
                            "nonce": q["nonce"], "person": dict(self.person),
                            "changes": dict(self.token_changes)}
        back = urlencode({"code": code, "state": q["state"]})
        return RedirectResponse(f"{q['redirect_uri']}?{back}", status_code=302)

    async def token(self, request: Request) -> JSONResponse:
        form = await request.form()
        grant = self.codes.pop(str(form.get("code")), None)  # single use
        if (grant is None or form.get("grant_type") != "authorization_code"
                or form.get("client_id") != CLIENT_ID
                or form.get("client_secret") != CLIENT_SECRET
                or form.get("redirect_uri") != grant["redirect_uri"]):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        verifier = str(form.get("code_verifier") or "")
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != grant["challenge"]:
            return JSONResponse({"error": "invalid_grant",
                                 "error_description": "PKCE verification failed"},
                                status_code=400)
        self.pkce_checked += 1
        person, changes = grant["person"], dict(grant["changes"])
        now = int(time.time())
        claims = {"iss": f"{self.base}/{person['tid']}/v2.0", "aud": CLIENT_ID,
                  "iat": now, "nbf": now, "exp": now + 3600, "nonce": grant["nonce"],
                  "ver": "2.0", **person}
        key = changes.pop("sign_with", self.key)
        claims.update(changes)
        id_token = jwt.encode({"alg": "RS256", "kid": "provider-key"}, claims, key)
        return JSONResponse({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                             "expires_in": 3600, "id_token": id_token})

    # --- running it --------------------------------------------------------------------

    def start(self) -> OpenIdProvider:
        self._server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=0,
                                                     log_level="warning", lifespan="off"))
        thread = threading.Thread(target=self._server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the test OpenID provider did not start")
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True

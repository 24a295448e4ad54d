"""Signing in with one's own organisation's account (OpenID Connect, Microsoft Entra ID).

Off unless configured by environment:

    CYMUNED_OIDC_CLIENT_ID, CYMUNED_OIDC_CLIENT_SECRET   the app's registration
    CYMUNED_OIDC_AUTHORITY      e.g. https://login.microsoftonline.com/organizations/v2.0
                                (or CYMUNED_OIDC_DISCOVERY_URL, the discovery document itself)
    CYMUNED_OIDC_ALLOWED_TENANTS    the directory (tenant) ids allowed, comma-separated
    CYMUNED_OIDC_REDIRECT_URI   optional: the callback's public address when the backend's
                                own address (REFLEX_API_URL) is not what browsers reach

The code flow itself (PKCE, state, nonce) runs in dashboard/endpoints/organisation_sign_in.py
with authlib (dashboard/connectors/openid.py). Here are the rules for the ID token it gets
back: signed by one of the provider's keys, for this app (audience pinned), from an allowed
tenant (``tid``), issued by the discovery document's issuer for that tenant (pinned), not
expired, with the nonce this browser was given; then the person is matched, by a verified
email address, to a member, and their account (a member-role account is created, linked to
the member, when they have none). Any refusal stores nothing.
"""

from __future__ import annotations

import hmac
import os
import time
from dataclasses import dataclass
from datetime import datetime

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import normalise_email
from dashboard.domain.signing_in import SignedIn, SignInRefused, actor_of, begin_session
from dashboard.models import Member, MemberStatus, Role, User, UserIdentity

ENV_PREFIX = "CYMUNED_OIDC_"
LEEWAY_SECONDS = 120
SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256"]


@dataclass(frozen=True)
class OrganisationSignInSettings:
    client_id: str
    client_secret: str
    discovery_url: str
    allowed_tenants: frozenset[str]
    redirect_uri: str = ""

    @classmethod
    def from_environ(cls, environ=None) -> OrganisationSignInSettings | None:
        """The settings, or None (the feature is off) unless all of them are set."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str:
            return (env.get(ENV_PREFIX + name) or "").strip()

        authority = get("AUTHORITY").rstrip("/")
        discovery = get("DISCOVERY_URL") or (
            f"{authority}/.well-known/openid-configuration" if authority else "")
        tenants = frozenset(t.strip().lower() for t in get("ALLOWED_TENANTS").replace(
            " ", ",").split(",") if t.strip())
        if not (get("CLIENT_ID") and get("CLIENT_SECRET") and discovery and tenants):
            return None
        return cls(client_id=get("CLIENT_ID"), client_secret=get("CLIENT_SECRET"),
                   discovery_url=discovery, allowed_tenants=tenants,
                   redirect_uri=get("REDIRECT_URI"))


@dataclass(frozen=True)
class VerifiedIdentity:
    issuer: str
    subject: str
    tenant_id: str
    email: str  # verified by the provider, normalised
    name: str


def _email(claims: dict) -> str:
    """The email address, only if the provider vouches for it: the standard
    ``email_verified``, or Entra ID's ``xms_edov`` (the tenant owns the email's domain)."""
    email = claims.get("email")
    if isinstance(email, str) and (claims.get("email_verified") is True
                                   or claims.get("xms_edov") in (True, "1", "true")):
        return normalise_email(email)
    return ""


def verify_id_token(settings: OrganisationSignInSettings, issuer: str, jwks: dict,
                    id_token: str, nonce: str, now: float | None = None) -> VerifiedIdentity:
    """The identity in an ID token, or SignInRefused naming what was wrong with it.

    ``issuer`` is the discovery document's; Entra ID's multi-tenant one holds ``{tenantid}``,
    which becomes the token's ``tid`` (itself checked against the allow-list first).
    """
    try:
        token = jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=SIGNING_ALGORITHMS)
        jwt.JWTClaimsRegistry(now=int(now or time.time()), leeway=LEEWAY_SECONDS,
                              exp={"essential": True}, iat={"essential": True},
                              sub={"essential": True}).validate(token.claims)
    except (JoseError, ValueError) as error:
        raise SignInRefused("organisation-token") from error
    claims = token.claims
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if settings.client_id not in audiences or (
            len(audiences) > 1 and claims.get("azp") != settings.client_id):
        raise SignInRefused("organisation-audience")
    tenant = str(claims.get("tid") or "").lower()
    if not tenant or tenant not in settings.allowed_tenants:
        raise SignInRefused("organisation-tenant")
    if claims.get("iss") != issuer.replace("{tenantid}", tenant):
        raise SignInRefused("organisation-issuer")
    if not nonce or not hmac.compare_digest(str(claims.get("nonce") or ""), nonce):
        raise SignInRefused("organisation-expired")
    email = _email(claims)
    if not email:
        raise SignInRefused("organisation-email")
    return VerifiedIdentity(issuer=claims["iss"], subject=str(claims["sub"]), tenant_id=tenant,
                            email=email, name=str(claims.get("name") or ""))


def sign_in_with_organisation(session: Session, identity: VerifiedIdentity,
                              now: datetime | None = None) -> SignedIn:
    """Sign in the member behind a verified identity, linking it the first time."""
    linked = session.exec(select(UserIdentity).where(
        UserIdentity.issuer == identity.issuer,
        UserIdentity.subject == identity.subject)).first()
    if linked is not None:
        user = session.get(User, linked.user_id)
    else:
        user = _account_for(session, identity)
    if user is None or not user.is_active:
        raise SignInRefused("organisation-closed")
    return begin_session(session, user, "organisation", now)


def _account_for(session: Session, identity: VerifiedIdentity) -> User:
    """The account of the member with the identity's email, created when they have none,
    with the identity linked to it."""
    member = session.exec(select(Member).where(
        Member.email == identity.email, Member.status == MemberStatus.ACTIVE.value)).first()
    user = session.exec(select(User).where(User.email == identity.email)).first()
    if user is None and member is not None:
        user = session.exec(select(User).where(User.member_id == member.id)).first()
    if member is None and (user is None or user.member_id is None):
        raise SignInRefused("organisation-member")
    if user is None:
        user = User(email=identity.email, display_name=member.full_name or identity.email,
                    role=Role.MEMBER.value, member_id=member.id, language=member.language)
        session.add(user)
        session.flush()
        audit.record(session, actor_of(user), "create", "user", user.id,
                     after=audit.snapshot(user, ("email", "role", "member_id")))
    elif user.is_active and user.member_id is None and member is not None:
        user.member_id = member.id
        session.add(user)
    if not user.is_active:
        raise SignInRefused("organisation-closed")
    link = UserIdentity(user_id=user.id, issuer=identity.issuer, subject=identity.subject,
                        tenant_id=identity.tenant_id,
                        organisation_id=member.organisation_id if member else None)
    session.add(link)
    session.flush()
    audit.record(session, actor_of(user), "link_identity", "user", user.id,
                 after={"issuer": identity.issuer, "tenant_id": identity.tenant_id})
    return user

"""The demo's accounts: one for each role, each linked to a demo member, so a newcomer after
``make run`` can try the dashboard as a member, the steering group and an admin.

They have no password: the only way in is the sign-in page's "Try as ..." buttons, which
work only while the demo data is loaded (dashboard.domain.signing_in.demo_sign_in).
"""

from __future__ import annotations

from sqlmodel import Session, select

from dashboard.domain.signing_in import DEMO_ROLES, demo_account_key
from dashboard.models import CommunityRole, Member, MemberStatus, Role, Setting, User

# Who each role is, among the demo members: an assessor (so the member sees their body's
# self-assessment), a steering group member, and the chair.
WHO = {
    Role.MEMBER: lambda m: m.community_role == CommunityRole.MEMBER.value and m.assessor,
    Role.STEERING: lambda m: m.community_role == CommunityRole.STEERING.value,
    Role.ADMIN: lambda m: m.community_role == CommunityRole.CHAIR.value,
}


def add_demo_accounts(session: Session, members: list[Member]) -> int:
    """Create (or find) the demo account for each role; returns how many roles have one."""
    active = [m for m in members if m.status == MemberStatus.ACTIVE.value and m.email]
    made = 0
    for role in DEMO_ROLES:
        member = next((m for m in active if WHO[role](m)), None)
        if member is None:
            continue
        user = session.exec(select(User).where(User.email == member.email)).first()
        if user is None:
            user = User(email=member.email, display_name=member.full_name, role=role.value,
                        member_id=member.id, language=member.language or "en")
            session.add(user)
            session.flush()
        session.merge(Setting(key=demo_account_key(role), value=str(user.id)))
        made += 1
    return made

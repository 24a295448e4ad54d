"""Accounts: from an approved request to join to a person who can sign in.

An approval issues a single-use, expiring invitation link (``invitations``); a forgotten
password is reset by another such link (``password_reset``); both are ``links``, of which the
database keeps only a hash. ``letters`` writes the emails, in the person's language, and
``joining`` answers the public join form without saying whether an email is known.
Accounts compose the membership feature (a member record behind an account), never the
reverse.
"""

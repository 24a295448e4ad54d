"""Running Cymuned in production: backups, readiness, metrics and logs.

Infrastructure beside ``dashboard.db``: it knows the database and the process, never the
features, the state or the pages.
"""

"""Display names for membership codes: engagement levels and preferred languages."""

from __future__ import annotations

ENGAGEMENT_LEVELS = {
    "new": "New",
    "occasional": "Occasional",
    "active": "Active",
    "leading": "Leading",
    "inactive": "Inactive",
}
LANGUAGE_NAMES = {
    "en": "English",
    "cy": "Welsh",
}

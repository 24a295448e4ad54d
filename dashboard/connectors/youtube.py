"""YouTube Data API v3: view counts of videos (``videos.list`` with ``part=statistics``).

Plain records out, nothing about the database or Reflex. Up to 50 IDs a request (the API's
limit); timeouts on every request. The base URL is configurable (YOUTUBE_API_BASE_URL) so
tests can point it at a local server.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import httpx

from dashboard.connectors.fetch import TIMEOUT, FetchFailed, RetryPolicy, fetch

DEFAULT_BASE_URL = "https://www.googleapis.com/youtube/v3"
BATCH = 50
MAX_BYTES = 2 * 1024 * 1024  # a page of 50 videos' statistics is a few kB


@dataclass
class ViewCounts:
    counts: dict[str, int] = field(default_factory=dict)  # video id -> viewCount
    missing: list[str] = field(default_factory=list)  # asked for, not returned (gone/private)
    error: str | None = None  # why (some) batches failed; None when all answered
    quota_exceeded: bool = False


def base_url() -> str:
    return os.environ.get("YOUTUBE_API_BASE_URL", DEFAULT_BASE_URL).rstrip("/")


def _reason(body: bytes) -> str:
    try:
        error = json.loads(body).get("error", {})
    except (ValueError, AttributeError):
        return ""
    reasons = [e.get("reason", "") for e in error.get("errors", []) if isinstance(e, dict)]
    return reasons[0] if reasons else str(error.get("status", ""))


def fetch_view_counts(video_ids: list[str], api_key: str, url: str | None = None,
                      client: httpx.Client | None = None) -> ViewCounts:
    """viewCount of each video; stops at the first quota or network error (keeping what was
    read before it)."""
    result = ViewCounts()
    ids = list(dict.fromkeys(v for v in video_ids if v))
    own_client = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False)
    endpoint = f"{url or base_url()}/videos"
    try:
        for start in range(0, len(ids), BATCH):
            batch = ids[start:start + BATCH]
            try:
                response = fetch(endpoint, params={
                    "part": "statistics", "id": ",".join(batch), "key": api_key,
                    "maxResults": BATCH}, max_bytes=MAX_BYTES, expect_html=True,
                    retry=RetryPolicy(attempts=2), client=client)
            except FetchFailed as error:
                # The message names the host only: the key is in the query string.
                result.error = f"network error: {error}"[:500]
                return result
            if response.status == 403 and _reason(response.body) == "quotaExceeded":
                result.quota_exceeded = True
                result.error = "quota exceeded (HTTP 403 quotaExceeded)"
                return result
            if response.status != 200:
                reason = _reason(response.body)
                result.error = f"HTTP {response.status}" + (f" {reason}" if reason else "")
                return result
            try:
                items = json.loads(response.body).get("items", [])
                returned = {}
                for item in items:
                    returned[item["id"]] = int(item["statistics"]["viewCount"])
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                result.error = f"unexpected response: {type(error).__name__}: {error}"[:500]
                return result
            result.counts.update(returned)
            result.missing.extend(v for v in batch if v not in returned)
    finally:
        if own_client:
            client.close()
    return result

"""When an app instance dies, its browsers reconnect to another one and keep their state.

Reflex keeps each browser's state in Redis under the browser's token, and records in Redis
which instance holds the token's socket. When an instance dies without a goodbye (killed,
or its machine lost), those records stay behind; a browser reconnecting to a surviving
instance then looks like a *second tab* with the same token, and Reflex gives it a new
token: the browser's state (its page of a list, a half-filled form held in state) is left
behind, and the click that was on its way is answered to the dead instance.

So every instance says it is alive in two ways, and a reconnecting browser whose record
names a dead instance takes its token back instead of getting a new one:

- a Redis connection named ``cymuned-instance:<id>``: when the process dies, the kernel
  closes it and Redis drops it at once;
- a heartbeat key with a short expiry, for a machine that vanishes without closing
  anything (its connection can linger in Redis until TCP gives up).

The same beat also keeps Redis's keyspace notifications on: Reflex sets them once at start,
and a Redis restarted without a config file forgets them (``keep_keyspace_notifications``).

An instance is alive only while both are there. ``TakeOverDeadInstances`` adds that check
to Reflex's own Redis token manager (the class is swapped on the running instance at
start-up; nothing else of Reflex changes). A real second tab, whose instance is alive,
still gets a new token, as Reflex intends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle

from reflex.utils.token_manager import RedisTokenManager

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 2
HEARTBEAT_EXPIRY = 6


def connection_name(instance_id: str) -> str:
    return f"cymuned-instance:{instance_id}"


def heartbeat_key(instance_id: str) -> str:
    return f"cymuned_instance_alive_{instance_id}"


async def instance_is_alive(redis, instance_id: str) -> bool:
    if not await redis.exists(heartbeat_key(instance_id)):
        return False
    clients = await redis.client_list()
    return any(client.get("name") == connection_name(instance_id) for client in clients)


class TakeOverDeadInstances(RedisTokenManager):
    async def link_token_to_sid(self, token: str, sid: str) -> str | None:
        await self._forget_dead_owner(token)
        return await super().link_token_to_sid(token, sid)

    async def _forget_dead_owner(self, token: str) -> None:
        key = self._get_redis_key(token)
        try:
            stored = await self.redis.get(key)
            if not stored:
                return
            owner = pickle.loads(stored).instance_id
            if owner == self.instance_id or await instance_is_alive(self.redis, owner):
                return
            await self.redis.delete(key)
            self.token_to_socket.pop(token, None)
            log.info("a browser's instance is gone: its session moves here")
        except Exception:  # noqa: BLE001 - Reflex's own duplicate check still runs
            log.warning("could not check the owner of a reconnecting browser", exc_info=True)


async def keep_keyspace_notifications(connection, app) -> None:
    """Reflex's Redis state manager turns on keyspace notifications once, when it starts (it
    waits for locks through them). A Redis that restarts without a config file forgets them,
    and every instance would then wait out lock timeouts, pushes included. So each beat
    checks they are still on, and turns them on again when they are not."""
    wanted = getattr(app.state_manager, "_redis_notify_keyspace_events", None)
    if not wanted:
        return
    current = (await connection.config_get("notify-keyspace-events")).get(
        "notify-keyspace-events", "")
    if isinstance(current, bytes):
        current = current.decode()
    if not set(wanted) <= set(current):
        await connection.config_set("notify-keyspace-events", wanted)
        log.warning("Redis had forgotten its keyspace notifications (a restart?): on again")


async def keep_instance_alive(app) -> None:
    """Lifespan task: swap in the take-over check and say this instance is alive, until the
    app stops. Does nothing without Redis (one instance, nothing to take over)."""
    namespace = app.event_namespace
    manager = getattr(namespace, "_token_manager", None) if namespace else None
    if not isinstance(manager, RedisTokenManager):
        return
    manager.__class__ = TakeOverDeadInstances
    from redis.asyncio import Redis
    from reflex.config import get_config

    # One connection, named whenever it (re)connects, e.g. after Redis restarts.
    connection = Redis.from_url(get_config().redis_url, single_connection_client=True,
                                client_name=connection_name(manager.instance_id))
    try:
        while True:
            try:
                await connection.set(heartbeat_key(manager.instance_id), 1, ex=HEARTBEAT_EXPIRY)
                await keep_keyspace_notifications(connection, app)
            except Exception:  # noqa: BLE001 - Redis restarting: try again next beat
                log.warning("heartbeat not written", exc_info=True)
            await asyncio.sleep(HEARTBEAT_SECONDS)
    finally:
        with contextlib.suppress(Exception):
            await connection.delete(heartbeat_key(manager.instance_id))
        with contextlib.suppress(Exception):
            await connection.aclose()

"""Django's Redis cache backend, with one Redis client per connection pool instead of one per
operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every get and set, and
building one fills redis-py's table of response callbacks (a dict of ~200 entries): that cost
more CPU than the round trip itself, several times per page (page cache, fragments, rate
limits, routes). A `redis.Redis` is safe to share between threads (it takes a connection from
its pool for each command), so one per pool is kept and reused. Everything else is Django's.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """`CACHES` backend "portal.cache.RedisCache" (settings: Cache)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

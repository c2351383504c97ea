"""Analytics and public reads from a read replica, when `DATABASE_REPLICA_URL` names one.

Scale-out for reads: a PostgreSQL standby fed by streaming replication (deploy/replica.py
builds one on this machine; docs/operations.md). With the setting, `DATABASES["replica"]`
exists and `ReplicaRouter` sends there:

- the reads of a public page asked for by an anonymous visitor (a GET on a language-prefixed
  path outside the personal areas, without a session cookie: the same requests the page cache
  serves, `portal.pagecache.is_public_read`), marked by `PublicReadsFromReplicaMiddleware`;
- the reads inside `replica_reads()` / `@reads_from_replica`: the analytics reports (supply
  and demand, quota uptake, partner statistics), whatever the user.

Everything else reads and writes the primary ("default"): signed-in pages, forms, the back
office, tasks. A read inside a transaction on the primary (a service locking rows, or reading
what it has just written) stays on the primary. Migrations run on the primary only.

Why the registry is still correct at once after a suspension: the replica is meant to apply
each commit before the primary answers it (`synchronous_commit = remote_apply` with the replica
named in `synchronous_standby_names`, as deploy/replica.py sets it up). With an asynchronous
replica, public pages may lag by the replay delay (usually well under a second) and the page
cache could keep such a page for `KARAVAN_PAGE_CACHE_SECONDS`.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, transaction

REPLICA = "replica"
_reading_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "karavan_reading_from_replica", default=False
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside go to the replica (when there is one)."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(function: Callable) -> Callable:
    """Decorator: the function's reads go to the replica (analytics)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with replica_reads():
            return function(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """`DATABASE_ROUTERS` entry, in settings only when a replica is configured."""

    def db_for_read(self, model, **hints):
        if not _reading_from_replica.get():
            return DEFAULT_DB_ALIAS
        if transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return DEFAULT_DB_ALIAS  # read-your-writes and row locks stay on the primary
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class PublicReadsFromReplicaMiddleware:
    """Place right after the page cache: what it would serve to anyone is read from the
    replica. Not used at all without a replica."""

    def __init__(self, get_response):
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        from .pagecache import is_public_read

        if not is_public_read(request):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)

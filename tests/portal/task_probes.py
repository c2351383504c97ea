"""Tasks the durable-task tests run (importable by a real `db_worker` process)."""

import time
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist

from portal.durable_tasks import durable_task

#: Calls seen in this process (the in-process worker of the tests).
CALLS: list[str] = []


@durable_task
def flaky_task(*, failures: int, label: str) -> str:
    """Fails `failures` times (counted per label in this process), then succeeds."""
    CALLS.append(label)
    if CALLS.count(label) <= failures:
        raise ConnectionError(f"gateway down ({label})")
    return f"done {label}"


@durable_task
def gone_task(*, label: str) -> str:
    """The object it works on has been deleted: retrying cannot help."""
    CALLS.append(label)
    raise ObjectDoesNotExist(label)


@durable_task(retry_delays=(5,))
def slow_task(*, flag: str) -> str:
    """Sleeps while the file `flag` exists (a worker to kill mid-task), then finishes."""
    deadline = time.monotonic() + 60
    while Path(flag).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return "finished"

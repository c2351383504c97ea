"""Running one call in several threads at the same moment (for the race tests on PostgreSQL)."""

import threading

from django.db import connection


def at_once(call, times: int) -> tuple[list, list]:
    """Run `call()` in `times` threads released together by a barrier; returns (the results,
    the exceptions raised). Each thread closes its own database connection."""
    barrier, results, errors = threading.Barrier(times), [], []

    def run():
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:  # noqa: BLE001 - the test asserts on them
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors

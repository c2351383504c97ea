"""The scheduler of `make stack` runs every job production's systemd timers run, and each
scheduled job is a management command that exists (no stack needed: runs with the unit tests)."""

import importlib.util
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]


def _stack_schedule():
    spec = importlib.util.spec_from_file_location("karavan_stack", ROOT / "deploy" / "stack.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.SCHEDULE)


def test_the_stack_scheduler_runs_every_timer_of_production():
    timers = {
        path.name.removeprefix("karavan-").removesuffix(".timer")
        for path in (ROOT / "deploy" / "systemd").glob("karavan-*.timer")
    }
    schedule = _stack_schedule()
    assert set(schedule) == timers
    assert set(schedule) <= set(get_commands())
    assert schedule["tasks_recover"] <= 60  # a dead worker's task waits at most a minute or so

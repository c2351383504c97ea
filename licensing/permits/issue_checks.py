"""Conditions that apps further down the chain add to issuing a work permit or patent.

The permits app knows nothing of them (dependencies point one way): an app registers
`check(application) -> str | None` (a refusal message, or None when the condition holds) and
the approval refuses to issue while any check answers with a message. The migration cycle
registers the orientation certificate a scheme may require (`cycle.orientation_checks`).
"""

from collections.abc import Callable

_CHECKS: list[Callable] = []


def register_issue_check(check: Callable) -> Callable:
    """Decorator: `@register_issue_check def check(application) -> str | None`."""
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


def issue_refusals(application) -> list[str]:
    """The messages of every registered check that refuses issuing for `application`."""
    return [str(message) for check in _CHECKS if (message := check(application))]

"""The ILO indicators of forced labour, asked as plain yes/no questions, and the priority they
give a help request.

The eleven indicators are those of the ILO's *Indicators of Forced Labour* (2012): one alone
does not prove forced labour, several together (or one of the strongest: violence, confinement,
debt bondage, documents kept) make it likely and the case urgent. The questions say what
happened in everyday words, so a worker who never heard the term answers them. No Django
models here: the scoring is a pure function, tested as such.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    """One ILO indicator: its code, the yes/no question the person answers, and its weight."""

    code: str
    question: str
    weight: int


#: Weight 3: a strong sign on its own; 2: a serious sign; 1: a sign that counts with others.
INDICATORS = (
    Indicator("violence", _("Has anyone hit you, hurt you, or forced you into sexual acts?"), 3),
    Indicator(
        "restricted_movement",
        _("Are you stopped from leaving your workplace or your housing when you want to?"),
        3,
    ),
    Indicator(
        "debt_bondage",
        _(
            "Do you owe money to the employer or the recruiter that you "
            "must work off and cannot repay?"
        ),
        3,
    ),
    Indicator(
        "documents_retained",
        _("Does someone else keep your passport or other documents and refuse to give them back?"),
        2,
    ),
    Indicator(
        "threats",
        _(
            "Has anyone threatened you or your family, or threatened to report "
            "you to the police or have you deported?"
        ),
        2,
    ),
    Indicator("wages_withheld", _("Are your wages not paid, or kept back until later?"), 2),
    Indicator(
        "isolation",
        _(
            "Are you kept away from other people, without a phone, or without "
            "knowing where you are?"
        ),
        2,
    ),
    Indicator(
        "deception", _("Is the job, the pay or the place different from what you were promised?"), 1
    ),
    Indicator(
        "excessive_overtime",
        _("Do you have to work very long hours or without days off, and cannot refuse?"),
        1,
    ),
    Indicator(
        "abusive_conditions", _("Are your working or living conditions dangerous or degrading?"), 1
    ),
    Indicator(
        "abuse_of_vulnerability",
        _(
            "Did someone take advantage of your not knowing the "
            "language or the law, or of your having no papers?"
        ),
        1,
    ),
)
CODES = tuple(i.code for i in INDICATORS)
_WEIGHTS = {i.code: i.weight for i in INDICATORS}

#: A score at or above these marks the request urgent or high priority.
URGENT_SCORE = 5
HIGH_SCORE = 2


def indicator_score(answers) -> int:
    """The sum of the weights of the indicators answered "yes" (unknown codes are ignored)."""
    return sum(_WEIGHTS.get(code, 0) for code in set(answers))


def priority_of(answers, *, category: str = "") -> str:
    """ "urgent", "high" or "normal" for the "yes" answers and the category chosen.

    Urgent: a score of 5 or more (e.g. documents kept and threats and withheld wages), or
    violence or confinement on its own. High: a score of 2 or more, or a request about
    violence, forced work or health. Normal otherwise.
    """
    answers = set(answers)
    score = indicator_score(answers)
    if score >= URGENT_SCORE or answers & {"violence", "restricted_movement"}:
        return "urgent"
    if score >= HIGH_SCORE or category in ("violence", "forced_labour", "health"):
        return "high"
    return "normal"

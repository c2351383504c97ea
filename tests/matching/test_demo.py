"""The demo loader: an imported assessment and one completed run, idempotent."""

import io

import pytest

from matching.demo import ANALYST, load_demo
from matching.models import AssessmentImport, DemandAssessment, MatchRun
from portal.models import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_demo_imports_an_assessment_and_completes_a_run_once(world):
    analyst = make_user(ANALYST, role=Role.ANALYST, organisation=world["kz_authority"])
    core = {"users": {ANALYST: analyst}}
    load_demo(core=core, stdout=io.StringIO())
    rows = DemandAssessment.objects.count()
    assert rows == 2 * 7 * 6
    assert MatchRun.objects.get().status == "completed"
    load_demo(core=core, stdout=io.StringIO())
    assert DemandAssessment.objects.count() == rows
    assert AssessmentImport.objects.count() == 1
    assert MatchRun.objects.count() == 1

"""The worker's page of their stays abroad: record the departure, then the arrival, the
registration of the stay and the return; see the deadlines Karavan works out for them.

Views translate HTTP to service calls and back.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from licensing.permits.services import worker_find
from portal.cases import WORKER, case_actions
from portal.policy import can
from portal.view_helpers import service_post

from . import selectors, services
from .forms import AttendanceForm, DepartureForm, MoveDateForm
from .models import ABROAD_STATES, OrientationSession
from .permissions import CyclePermission as P

#: Move name → the service that records it.
MOVES = {
    "arrive": ("arrived_on", services.stay_arrive),
    "register": ("registered_on", services.stay_register),
    "return_record": ("returned_on", services.stay_return_record),
}


@login_required
def stays(request):
    """The open stay with its next move, the deadlines, and past stays."""
    mine = list(selectors.stays_of_worker(worker=request.user))
    current = next((s for s in mine if s.status in ABROAD_STATES), None)
    return render(
        request,
        "cycle/stays.html",
        {
            "current": current,
            "moves": case_actions(current, request.user, side=WORKER) if current else [],
            "past": [s for s in mine if s is not current],
            "departure_form": None if current else DepartureForm(),
            "date_form": MoveDateForm(),
            "certificates": request.user.orientation_certificates.select_related("session__course"),
        },
    )


@login_required
@require_POST
def depart(request):
    form = DepartureForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        service_post(
            request,
            lambda: services.stay_departure_record(
                worker=request.user,
                by=request.user,
                destination_id=data["destination"].pk,
                departed_on=data["departed_on"],
                scheme=data["scheme"],
                submission_key=data["submission_key"],
                request=request,
            ),
            done=_("Your departure is recorded."),
        )
        return redirect("cycle:stays")
    return render(
        request,
        "cycle/stays.html",
        {
            "current": None,
            "moves": [],
            "departure_form": form,
            "date_form": MoveDateForm(),
            "past": list(selectors.stays_of_worker(worker=request.user)),
        },
        status=400,
    )


@login_required
@require_POST
def move(request, pk: int, name: str):
    """Record the arrival, registration or return of one of the worker's own stays."""
    if name not in MOVES:
        raise Http404
    stay = get_object_or_404(selectors.stays_of_worker(worker=request.user), pk=pk)
    form = MoveDateForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("on", []):
            messages.error(request, error)
        return redirect("cycle:stays")
    keyword, service = MOVES[name]
    service_post(
        request,
        lambda: service(
            stay=stay, by=request.user, **{keyword: form.cleaned_data["on"]}, request=request
        ),
        done=_("Recorded."),
    )
    return redirect("cycle:stays")


@login_required
def session_attendance(request, pk: int):
    """The resource centre's page of one session: record who attended (each gets the
    certificate) and see the certificates issued."""
    session = get_object_or_404(
        OrientationSession.objects.select_related("course", "centre"), pk=pk
    )
    if not can(request.user, P.ATTENDANCE_RECORD, session):
        raise Http404
    form = AttendanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def record():
            worker = worker_find(contact=form.cleaned_data["contact"])
            return services.orientation_attendance_record(
                session=session, worker=worker, by=request.user, request=request
            )

        if service_post(request, record, done=_("Attendance recorded; the certificate is issued.")):
            return redirect("cycle:session_attendance", pk=session.pk)
    return render(
        request,
        "cycle/session_attendance.html",
        {"session": session, "form": form, "certificates": session.certificates.order_by("number")},
    )

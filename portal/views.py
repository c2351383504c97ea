"""Public shell views: home, health check, the signed-in dashboard."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .policy import active_memberships, is_staff_user


@never_cache
def healthz(request):
    """200 with a small JSON body when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@login_required
def dashboard(request):
    """After sign-in: links to what this user's roles allow."""
    return render(request, "portal/dashboard.html", {
        "memberships": active_memberships(request.user),
        "is_staff_user": is_staff_user(request.user),
    })


def verify(request, number: str | None = None):
    """Public check of any issued number, without login. The form submits by GET (no JS)."""
    from django.shortcuts import redirect

    from .verification import normalise_number, verify_number

    if number is None:
        query = request.GET.get("number", "")
        if query:
            return redirect("portal:verify_number", number=normalise_number(query) or "-")
        return render(request, "portal/verify_form.html")
    result = verify_number(number)
    status = 200 if result else 404
    return render(request, "portal/verify_result.html",
                  {"number": normalise_number(number), "result": result}, status=status)


def data_licence(request):
    """Where the reference data comes from, and the licences under which it is reused."""
    return render(request, "portal/data_licence.html")

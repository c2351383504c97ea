"""The individual employment contract: the worker and the recruiting agency read it, download
the PDF, ask for a one-time code and confirm. Views translate HTTP to service calls."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.cases import AGENCY, WORKER, case_action_names
from portal.policy import can
from portal.uploads import private_file_response
from portal.verification import verification_path
from portal.view_helpers import service_post

from . import forms, services
from .contract_models import ContractConfirmationCode, EmploymentContract
from .permissions import VacancyPermission as P

SIDE = ContractConfirmationCode.Side


def _contract(request, pk: int) -> EmploymentContract:
    contract = get_object_or_404(
        EmploymentContract.objects.select_related(
            "job_order",
            "job_order__agency",
            "job_order__employer",
            "job_order__region",
            "application__profile__user",
        ),
        pk=pk,
    )
    if not can(request.user, P.CONTRACT_VIEW, contract):
        raise Http404
    return contract


def _side(user, contract) -> str:
    """The side `user` confirms for (the worker first: an agency member never is the worker)."""
    if can(user, P.CONTRACT_CONFIRM_WORKER, contract):
        return SIDE.WORKER
    if can(user, P.CONTRACT_CONFIRM_EMPLOYER, contract):
        return SIDE.EMPLOYER
    return ""


@login_required
def contract(request, pk: int):
    contract = _contract(request, pk)
    side = _side(request.user, contract)
    moves = case_action_names(
        contract, request.user, side=WORKER if side == SIDE.WORKER else AGENCY
    )
    return render(
        request,
        "vacancies/employment_contract.html",
        {
            "contract": contract,
            "side": side,
            "moves": moves,
            "form": forms.ContractCodeForm(),
            "verify_path": verification_path(contract.number) if contract.number else "",
        },
    )


@login_required
def contract_pdf(request, pk: int):
    contract = _contract(request, pk)
    return private_file_response(
        contract.pdf,
        filename=f"{contract.number or 'contract'}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def contract_code(request, pk: int):
    """Send the person a one-time code for their side."""
    contract = _contract(request, pk)
    side = _side(request.user, contract)
    if not side:
        raise Http404
    service_post(
        request,
        lambda: services.employment_contract_code_send(
            contract=contract, by=request.user, side=side
        ),
        done=_(
            "A one-time code is on its way to you (e-mail, SMS or Telegram). It works for "
            "15 minutes."
        ),
    )
    return redirect("vacancies:contract", pk=pk)


@login_required
@require_POST
def contract_confirm(request, pk: int):
    contract = _contract(request, pk)
    side = _side(request.user, contract)
    if not side:
        raise Http404
    form = forms.ContractCodeForm(request.POST)
    if not form.is_valid():
        from django.contrib import messages

        messages.error(request, _("Type the one-time code you received."))
        return redirect("vacancies:contract", pk=pk)
    confirm = (
        services.employment_contract_worker_confirm
        if side == SIDE.WORKER
        else services.employment_contract_employer_confirm
    )
    service_post(
        request,
        lambda: confirm(contract=contract, by=request.user, code=form.cleaned_data["code"]),
        done=_("Confirmed."),
    )
    return redirect("vacancies:contract", pk=pk)

"""What the HTML views of every app share: a service's refusal shown as messages, and a
generated PDF served as a download."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse

from .lifecycle import InvalidTransition

#: What a service refuses with: the user reads the reason, nothing was changed.
REFUSALS = (ValidationError, InvalidTransition, PermissionDenied)


def messages_of(exc) -> list[str]:
    """The messages a person reads for a refused service call."""
    return exc.messages if isinstance(exc, ValidationError) else [str(exc)]


def service_post(request, call, *, done=None, refused=REFUSALS) -> bool:
    """Run `call()` (a service call on a POST): what it refuses becomes error messages on the
    next page, success the message `done` (if any). True when the service did it."""
    try:
        call()
    except refused as exc:
        for message in messages_of(exc):
            messages.error(request, message)
        return False
    if done:
        messages.success(request, done)
    return True


def posted(request, form_class, **kwargs) -> dict:
    """The cleaned fields of an optional-field form posted with a case move (the applicant's
    answer, a withdrawal reason): what is missing or invalid is simply left out."""
    form = form_class(request.POST, **kwargs)
    form.is_valid()
    return form.cleaned_data


def pdf_download(content: bytes, *, filename: str) -> HttpResponse:
    """A generated PDF (a certificate) as an attachment browsers do not sniff."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

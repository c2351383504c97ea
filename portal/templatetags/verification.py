"""`{{ document.number|verification_path }}`: the holder's own link to the public check of
their document, with its check code (as the QR code on the certificate)."""

from django import template

from portal import verification

register = template.Library()


@register.filter
def verification_path(number: str) -> str:
    return verification.verification_path(number)

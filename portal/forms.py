from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.utils import filter_users_by_email
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

ERROR_EMAIL_OR_PHONE = _("Give an e-mail address or a phone number (or both).")

# Django 6.1's empty choice of every select built from model choices; Django's own catalogues
# do not translate it yet, so ours do (the project's catalogues take precedence).
BLANK_CHOICE_LABEL = _("- Select an option -")


def model_help(model, field_name: str):
    """The model field's help text, for a hand-written form field that fills that model field:
    the person filling the form reads what the officer reads in the back office."""
    return model._meta.get_field(field_name).help_text


class SignupForm(AllauthSignupForm):
    """Sign-up with an e-mail address, a phone number, or both."""

    def validate_unique_email(self, value) -> str:
        """A registered address gets the same answer as a new one ("we sent you an e-mail");
        the owner is told by e-mail that someone tried to sign up with it.

        allauth hides a taken address only when verification is mandatory for every account;
        ours is mandatory for every account that has an address (phone-only workers have
        none, see portal/accounts.py), so without this the form said "already registered".
        """
        email = get_adapter().validate_unique_email(value)
        self.account_already_exists = bool(filter_users_by_email(email))
        return email

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and not self.errors.get("email")
            and not self.errors.get("phone")
        ):
            raise forms.ValidationError(ERROR_EMAIL_OR_PHONE)
        return cleaned


class LanguageSelect(forms.Select):
    """Languages listed in their own names ("Қазақша", "English"), each option marked with
    its `lang` so it is read in that language (WCAG 3.1.2)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class LanguageForm(forms.Form):
    """The language of the person's notifications."""

    language = forms.ChoiceField(
        label=_("Language of my messages"),
        choices=settings.LANGUAGES,
        widget=LanguageSelect,
        help_text=_("E-mails about your applications and cases come in this language."),
    )


class ChannelsForm(forms.Form):
    """Where the person's notifications go: the channels they have an address for."""

    channels = forms.MultipleChoiceField(
        label=_("Send my notifications by"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only the ways we can reach you are listed: add an e-mail address or a "
            "verified phone number to see more."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        from .notifications import channel_label, channels_available, user_channels

        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = [
            (name, channel_label(name)) for name in channels_available(user)
        ]
        self.initial.setdefault("channels", user_channels(user))

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

ERROR_EMAIL_OR_PHONE = _("Give an e-mail address or a phone number (or both).")

# Django 6.1's empty choice of every select built from model choices; Django's own catalogues
# do not translate it yet, so ours do (the project's catalogues take precedence).
BLANK_CHOICE_LABEL = _("- Select an option -")


class SignupForm(AllauthSignupForm):
    """Sign-up with an e-mail address, a phone number, or both."""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not self.errors.get("email") \
                and not self.errors.get("phone"):
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
        label=_("Language of my messages"), choices=settings.LANGUAGES, widget=LanguageSelect,
        help_text=_("E-mails about your applications and cases come in this language."))

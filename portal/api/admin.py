"""Back office for partner API tokens: authority administrators issue tokens to authorities
and partner organisations of their country, see when each was last used, and revoke them.

The raw token is shown once, on the page that follows creation; only its hash is stored.
"Edit" is the revocation form: a token's scopes and expiry never change after issue.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_views import PolicyPermissionPolicy, PolicyScopedMixin, ScopedIndexView
from portal.models import Organisation, Role
from portal.permissions import CorePermission
from portal.policy import authority_countries

from . import policy as _policy  # noqa: F401  (registers api.token.manage)
from .models import ApiScope, ApiToken
from .services import api_token_create, api_token_revoke

ACTION = CorePermission.API_TOKEN_MANAGE

TOKEN_SHOWN_ONCE = engines["django"].from_string("""{% extends "wagtailadmin/generic/base.html" %}
{% load i18n %}
{% block main_content %}
<h2>{% translate "Copy the token now" %}</h2>
<p>{% blocktranslate with name=token.name org=token.organisation %}The token “{{ name }}” for {{ org }} is shown only on this page. Karavan keeps only a hash of it and cannot show it again.{% endblocktranslate %}</p>
<p><label for="api-token">{% translate "API token" %}</label></p>
<p><input id="api-token" type="text" readonly value="{{ raw }}" size="70" class="w-field__input" autocomplete="off"></p>
<p>{% translate "Scopes" %}: {{ token.scopes|join:", " }} · {% translate "Expires" %}: {{ token.expires_at }}</p>
<p><a class="button" href="{{ index_url }}">{% translate "Done" %}</a></p>
{% endblock %}""")


def api_token_permission_policy():
    """Add, view and revoke ("change") for `policy.can(user, CorePermission.API_TOKEN_MANAGE)`; nobody
    deletes a token (the audit log refers to it)."""
    return PolicyPermissionPolicy(ApiToken, ACTION, actions=("add", "change", "view"))


def _default_expiry():
    return timezone.now() + timezone.timedelta(days=365)


class ApiTokenCreateForm(WagtailAdminModelForm):
    """Organisation (authorities and partners of the admin's countries), name, scopes, expiry."""

    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ["organisation", "name", "scopes", "expires_at"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("expires_at", _default_expiry())
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.filter(
            kind__in=[Organisation.Kind.AUTHORITY, Organisation.Kind.PARTNER]
        )
        user = self.for_user
        if user is not None and not user.is_superuser:
            orgs = orgs.filter(Q(country_id__in=authority_countries(user, {Role.AUTHORITY_ADMIN})))
        self.fields["organisation"].queryset = orgs.order_by("country_id", "name")


class ApiTokenRevokeForm(WagtailAdminModelForm):
    """Revocation needs a reason; it is recorded in the audit log."""

    class Meta:
        model = ApiToken
        fields = ["revocation_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revocation_reason"].required = True


class ApiTokenCreateView(generic.CreateView):
    def form_valid(self, form):
        data = form.cleaned_data
        try:
            issued = api_token_create(
                by=self.request.user,
                organisation=data["organisation"],
                name=data["name"],
                scopes=data["scopes"],
                expires_at=data["expires_at"],
                request=self.request,
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(
                None, error.messages if isinstance(error, ValidationError) else str(error)
            )
            return self.form_invalid(form)
        context = self.get_context_data(form=form)
        context.update(token=issued.token, raw=issued.raw, index_url=self.get_success_url())
        return HttpResponse(
            TOKEN_SHOWN_ONCE.render(context, self.request), headers={"Cache-Control": "no-store"}
        )


class ApiTokenRevokeView(PolicyScopedMixin, generic.EditView):
    policy_action = ACTION

    def form_valid(self, form):
        try:
            api_token_revoke(
                by=self.request.user,
                token=self.object,
                reason=form.cleaned_data["revocation_reason"],
                request=self.request,
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(
                None, error.messages if isinstance(error, ValidationError) else str(error)
            )
            return self.form_invalid(form)
        messages.success(self.request, _("The token was revoked."))
        return redirect(self.get_success_url())


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = _("API tokens")
    menu_order = 910
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        "name",
        "organisation",
        "prefix",
        "scopes",
        "state",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["organisation"]
    search_fields = ["name", "prefix"]
    inspect_view_fields = [
        "name",
        "organisation",
        "prefix",
        "scopes",
        "created_by",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
    ]
    add_view_class = ApiTokenCreateView
    edit_view_class = ApiTokenRevokeView
    index_view_class = type("ApiTokenIndexView", (ScopedIndexView,), {"policy_action": ACTION})
    inspect_view_class = type(
        "ApiTokenInspectView", (PolicyScopedMixin, generic.InspectView), {"policy_action": ACTION}
    )

    def get_form_class(self, for_update=False):
        return ApiTokenRevokeForm if for_update else ApiTokenCreateForm

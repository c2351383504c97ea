"""Back-office view of the campaigns: what editors still have to check."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.permissions import page_permission_policy

from .selectors import pages_to_check


class ContentToCheckView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """The editors' to-do list: pages with facts marked "to be checked by the editor" and
    translations awaiting a native speaker's review, each linked to its edit page. The same
    list as ``manage.py content_review``."""

    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    page_title = _("Content to check")
    header_icon = "warning"
    template_name = "info_campaigns/admin/content_to_check.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = pages_to_check()
        return context

"""What agencies and workers are told about job orders and vacancy applications."""

from django.utils.translation import gettext_lazy as _

from portal.notifications import event

event(
    "job_order.request_info",
    subject=_("A job order needs more information"),
    body=_("The authority asks for more information:"),
)
event(
    "job_order.approve",
    subject=_("Your job order is published"),
    body=_("Job order %(number)s is published."),
)
event(
    "job_order.refuse",
    subject=_("Your job order was refused"),
    body=_("The authority refused the job order."),
)
event(
    "vacancy_application.submit",
    subject=_("New application"),
    body=_("A worker applied for job order %(number)s."),
)
event(
    "vacancy_application.reject",
    subject=_("Your application"),
    body=_("The agency did not select you for job order %(number)s."),
)
event(
    "vacancy_application.offer",
    subject=_("You have a job offer"),
    body=_("Open Karavan to accept or decline the offer for job order %(number)s."),
)
event(
    "vacancy_application.accept",
    subject=_("Offer accepted"),
    body=_("A worker accepted the offer for job order %(number)s."),
)
event(
    "saved_search.alert",
    subject=_("New vacancies for your saved search"),
    body=_("New vacancies match your saved search: %(search)s."),
)
event(
    "employer_accreditation.grant",
    subject=_("Employer accreditation granted"),
    body=_("Accreditation %(number)s is granted; job orders for you can now be vetted."),
)
event(
    "employer_accreditation.suspend",
    subject=_("Employer accreditation suspended"),
    body=_("Accreditation %(number)s is suspended:"),
)
event(
    "employer_accreditation.revoke",
    subject=_("Employer accreditation revoked"),
    body=_("Accreditation %(number)s is revoked:"),
)
event(
    "employment_contract.generated",
    subject=_("Your employment contract is ready"),
    body=_(
        "Read the contract for job order %(number)s in Karavan and confirm it with a one-time code."
    ),
)
event(
    "employment_contract.code",
    subject=_("Your contract confirmation code"),
    body=_(
        "Your one-time code to confirm the employment contract: %(code)s. It works for "
        "15 minutes. Never give it to anyone."
    ),
)
event(
    "employment_contract.registered",
    subject=_("Employment contract registered"),
    body=_("Both sides confirmed; contract %(number)s is registered."),
)

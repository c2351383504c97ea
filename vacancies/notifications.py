"""What agencies and workers are told about job orders and vacancy applications."""

from django.utils.translation import gettext_lazy as _

from portal.notifications import event

event("job_order.request_info", subject=_("A job order needs more information"),
      body=_("The authority asks for more information:"))
event("job_order.approve", subject=_("Your job order is published"),
      body=_("Job order %(number)s is published."))
event("job_order.refuse", subject=_("Your job order was refused"),
      body=_("The authority refused the job order."))
event("vacancy_application.submit", subject=_("New application"),
      body=_("A worker applied for job order %(number)s."))
event("vacancy_application.reject", subject=_("Your application"),
      body=_("The agency did not select you for job order %(number)s."))
event("vacancy_application.offer", subject=_("You have a job offer"),
      body=_("Open Karavan to accept or decline the offer for job order %(number)s."))
event("vacancy_application.accept", subject=_("Offer accepted"),
      body=_("A worker accepted the offer for job order %(number)s."))
event("saved_search.alert", subject=_("New vacancies for your saved search"),
      body=_("New vacancies match your saved search: %(search)s."))

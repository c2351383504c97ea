"""Every state change for schemes, job orders, worker profiles and vacancy applications, one
module per entity: `job_orders` (the agency's side), `job_order_vetting` (the authority's),
`vacancy_applications`, `worker_profiles`, `schemes`, `saved_searches` (searches kept by
workers and their daily alerts). Moves go through the kernel's
`case_transition`. Error messages are module constants (tests import them)."""

from portal.cases import ERROR_NOT_ALLOWED  # noqa: F401

from .job_order_vetting import (  # noqa: F401
    ERROR_CONTENT_LANGUAGE,
    ERROR_NO_MINIMUM_WAGE,
    ERROR_WAGE_BELOW_MINIMUM,
    ERROR_WAGE_CURRENCY,
    ERROR_WORKER_FEE,
    job_order_approve,
    job_order_language_gaps,
    job_order_refuse,
    job_order_request_info,
    job_order_review_start,
    job_order_vetting_problems,
)
from .job_orders import (  # noqa: F401
    ERROR_INCOMPLETE,
    ERROR_MAX_STAY,
    ERROR_NO_CONTRACT,
    ERROR_NO_LICENCE,
    ERROR_NOT_EDITABLE,
    ERROR_NOT_EMPLOYER,
    ERROR_OCCUPATION_SECTOR,
    ERROR_REGION_COUNTRY,
    ERROR_SCHEME_CLOSED,
    ERROR_SEASON_DATES,
    JOB_ORDER_FIELDS,
    JOB_ORDER_M2M,
    VETTING_PERIOD_DAYS,
    file_sha256,
    job_order_close,
    job_order_contract_attach,
    job_order_create,
    job_order_missing,
    job_order_submit,
    job_order_update,
    job_order_withdraw,
)
from .saved_searches import (  # noqa: F401
    ERROR_EMPTY,
    ERROR_TOO_MANY,
    saved_search_alerts_send,
    saved_search_create,
    saved_search_stop,
)
from .schemes import (  # noqa: F401
    MINIMUM_WAGE_FIELDS,
    SCHEME_FIELDS,
    minimum_wage_save,
    scheme_save,
)
from .vacancy_applications import (  # noqa: F401
    ERROR_ALREADY_APPLIED,
    ERROR_COSTS_AFTER_PLACEMENT,
    ERROR_NO_PROFILE,
    ERROR_NOT_PUBLISHED,
    ERROR_POSITIONS_FILLED,
    cost_report_file,
    vacancy_application_accept,
    vacancy_application_decline,
    vacancy_application_departure_record,
    vacancy_application_offer,
    vacancy_application_permit_link,
    vacancy_application_reject,
    vacancy_application_return_record,
    vacancy_application_shortlist,
    vacancy_application_submit,
    vacancy_application_withdraw,
)
from .worker_profiles import (  # noqa: F401
    ERROR_PROFILE_EXISTS,
    ERROR_RETURN_BEFORE_DEPARTURE,
    ERROR_STAFF_NO_PROFILE,
    PROFILE_FIELDS,
    PROFILE_M2M,
    worker_profile_consent_set,
    worker_profile_create,
    worker_profile_delete,
    worker_profile_season_add,
    worker_profile_update,
)

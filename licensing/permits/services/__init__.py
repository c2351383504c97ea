"""Every state change for work permits, patents, quotas, fees and payments, one module per
entity: `permit_applications` (the draft), `permit_decisions` (the moves to a decision),
`issued` (work permits and patents), `quotas` (quotas, fees, settings), `payments`. Moves go
through the kernel's `case_transition`. Passport numbers never enter an audit event or a log."""

from portal.cases import ERROR_NOT_ALLOWED  # noqa: F401
from portal.lifecycle import EDITABLE_STATES  # noqa: F401

from .daily import permits_daily  # noqa: F401
from .issued import (  # noqa: F401
    patent_reinstate,
    patent_revoke,
    patent_suspend,
    work_permit_reinstate,
    work_permit_revoke,
    work_permit_suspend,
)
from .payments import (  # noqa: F401
    ERROR_BEYOND_TERM,
    ERROR_NO_FEE,
    ERROR_PATENT_NOT_PAYABLE,
    ERROR_PAYMENT_MONTHS,
    ERROR_PAYMENT_NOT_PENDING,
    WEBHOOK_AMOUNT_MISMATCH,
    WEBHOOK_BAD_SIGNATURE,
    WEBHOOK_DUPLICATE,
    WEBHOOK_IGNORED,
    WEBHOOK_MALFORMED,
    WEBHOOK_NOT_CONFIGURED,
    WEBHOOK_NOT_PENDING,
    WEBHOOK_OK,
    WEBHOOK_UNKNOWN_REFERENCE,
    payment_gateway_event_apply,
    payment_order_confirm_manually,
    payment_order_create,
    payment_webhook_receive,
    webhook_secret,
    webhook_signature,
)
from .permit_applications import (  # noqa: F401
    APPLICATION_FIELDS,
    ERROR_AGENCY_NOT_LICENSED,
    ERROR_DUPLICATE_PASSPORT,
    ERROR_JOB_ORDER_UNKNOWN,
    ERROR_MONTHS,
    ERROR_NO_AUTHORITY,
    ERROR_NO_PERMIT_NEEDED,
    ERROR_NOT_A_WORKER,
    ERROR_NOT_EDITABLE,
    ERROR_PASSPORT_EXPIRED,
    ERROR_PASSPORT_FORMAT,
    ERROR_PATENT_LOW_SKILLED,
    ERROR_REGION_COUNTRY,
    corridor_check,
    permit_application_consent_give,
    permit_application_create,
    permit_application_missing,
    permit_application_update,
    permit_document_add,
    permit_documents_add,
    worker_find,
)
from .permit_decisions import (  # noqa: F401
    ERROR_INCOMPLETE,
    ERROR_QUOTA_EXHAUSTED,
    QuotaExhausted,
    permit_application_approve,
    permit_application_passport_reveal,
    permit_application_refuse,
    permit_application_request_info,
    permit_application_review_start,
    permit_application_submit,
    permit_application_withdraw,
)
from .quotas import (  # noqa: F401
    ERROR_QUOTA_BELOW_USED,
    SETTINGS_FIELDS,
    fee_schedule_set,
    permit_settings_update,
    quota_change,
    quota_create,
)

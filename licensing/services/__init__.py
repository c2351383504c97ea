"""Every state change in agency licensing, one module per entity (HackSoft's layout):
`agencies`, `licence_applications`, `licences`, `complaints`, `oversight`. A case moves only
through the kernel's `case_transition` (one transaction, row lock, lifecycle table, policy,
four eyes, audit event, notification). Error messages are module constants tests import."""

from portal.cases import ERROR_NOT_ALLOWED  # noqa: F401

from .agencies import (  # noqa: F401
    ERROR_ALREADY_IN_AGENCY,
    agency_register,
)
from .complaints import (  # noqa: F401
    ERROR_ALREADY_ASSIGNED,
    ERROR_COMPLAINT_CLOSED,
    ERROR_NEEDS_DESCRIPTION,
    ERROR_NEEDS_SUBJECT,
    ERROR_NOT_AUTHORITY_OFFICER,
    TRACKING_ALPHABET,
    complaint_assign,
    complaint_decide,
    complaint_dismiss,
    complaint_file,
    complaint_investigate,
    complaint_uphold,
)
from .deposits import (  # noqa: F401, E402
    ERROR_AMOUNT,
    ERROR_CLAIM_DECIDED,
    deposit_claim_pay,
    deposit_claim_record,
    deposit_claim_refuse,
    deposit_is_complete,
    deposit_rule_for,
    deposit_top_up,
)
from .licence_applications import (  # noqa: F401
    EDITABLE_FIELDS,
    EDITABLE_M2M,
    ERROR_ALREADY_LICENSED,
    ERROR_INCOMPLETE,
    ERROR_NO_AUTHORITY,
    ERROR_NOT_EDITABLE,
    ERROR_NOT_RENEWABLE,
    ERROR_OPEN_APPLICATION,
    REQUIRED_DOCUMENTS,
    licence_application_approve,
    licence_application_create,
    licence_application_missing,
    licence_application_refuse,
    licence_application_request_info,
    licence_application_review_start,
    licence_application_submit,
    licence_application_update,
    licence_application_withdraw,
    licence_document_add,
    licence_document_remove,
    licence_documents_add,
)
from .licences import (  # noqa: F401
    ERROR_NO_REVOCATION_PROPOSED,
    ERROR_REVOCATION_PENDING,
    ERROR_SECOND_OFFICER,
    ERROR_STILL_VALID,
    licence_expire,
    licence_reinstate,
    licence_reminder_send,
    licence_revocation_cancel,
    licence_revocation_confirm,
    licence_revocation_propose,
    licence_revoke,
    licence_suspend,
    licences_daily,
)
from .oversight import (  # noqa: F401
    ERROR_FINE_AMOUNT,
    ERROR_INSPECTION_STATE,
    ERROR_NO_LICENCE,
    authority_settings_update,
    inspection_cancel,
    inspection_complete,
    inspection_plan,
    sanction_impose,
)

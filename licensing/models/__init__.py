"""Licensing models. Agency licences live in `agency_licences`, oversight (complaints,
inspections, sanctions) in `oversight`. Work permits and patents add their own modules here
and import them below, so parallel work does not collide in one file."""

from .agency_licences import (  # noqa: F401
    AuthorityLicensingSettings,
    Licence,
    LicenceApplication,
    LicenceDocumentKind,
)
from .deposits import (  # noqa: F401, E402
    Deposit,
    DepositClaim,
    DepositRule,
    DepositTopUp,
)
from .oversight import (  # noqa: F401
    Complaint,
    ComplaintEvidence,
    ComplaintStatus,
    Inspection,
    Sanction,
)

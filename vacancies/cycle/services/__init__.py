"""What callers use of the migration cycle's services (one module per entity)."""

from .border_import import BorderImportReport, border_import, border_import_csv
from .daily import cycle_daily
from .orientation import orientation_attendance_record, orientation_missing
from .overstays import (
    overstay_case_close,
    overstay_case_close_on_return,
    overstay_case_open,
    overstay_case_review_start,
)
from .stays import (
    stay_arrive,
    stay_departure_record,
    stay_lawful_until,
    stay_overstay_flag,
    stay_register,
    stay_return_record,
)

__all__ = [
    "BorderImportReport",
    "border_import",
    "border_import_csv",
    "cycle_daily",
    "orientation_attendance_record",
    "orientation_missing",
    "overstay_case_close",
    "overstay_case_close_on_return",
    "overstay_case_open",
    "overstay_case_review_start",
    "stay_arrive",
    "stay_departure_record",
    "stay_lawful_until",
    "stay_overstay_flag",
    "stay_register",
    "stay_return_record",
]

"""Work permits, patents, quotas, fee schedules, payments (issue 5)."""

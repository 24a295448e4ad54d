"""Events: the calendar, its feeds, registration, attendance and recording views."""

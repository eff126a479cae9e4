"""The directory's calendar: when events happen (``occurrences``), and iCalendar (``ical``)."""

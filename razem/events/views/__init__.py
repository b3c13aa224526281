"""Event pages: `public` (lists, calendar, event pages, feeds), `participate`
(registration and the personal registration page, fair stands) and `manage` (the
organiser's work)."""

"""Consultation pages: `public` (list, the draft with its sections and comments,
versions and diffs, the report), `comments` (commenting, moderation, written
opinions), `manage` (the institution's work: the consultation, its text, responses,
the report) and `subscriptions`."""

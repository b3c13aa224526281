"""Forms of the event pages, one module per group of views (see views/)."""

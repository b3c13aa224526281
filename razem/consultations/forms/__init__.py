"""Forms of the consultation pages, one module per group of views (see views/)."""

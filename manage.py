#!/usr/bin/env python
"""Django's manage.py; `razem` (the console script) does the same."""

from razem.__main__ import main

if __name__ == "__main__":
    main()

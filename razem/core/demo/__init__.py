"""Demo content for `razem demo`: the seed documents' institutions, about 200
organisations across Poland and one login per role. See docs/demo.md."""

from razem.core.demo.loader import DemoSummary, demo_load
from razem.core.demo.users import DEMO_PASSWORD, DEMO_USERS

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "DemoSummary", "demo_load"]

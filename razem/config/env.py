"""Configuration read from the environment (12-factor), with a .env file if present."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
_dotenv = BASE_DIR / ".env"
if _dotenv.exists():
    environ.Env.read_env(str(_dotenv))

DEFAULT_SECRET_KEY = "insecure-razem-development-key-do-not-use-in-production"

"""The interface is Polish by default: every string must have a Polish translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(ROOT.glob("razem/*/locale/pl/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parts[-5])
def test_every_message_has_a_polish_translation(po_path):
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    assert not missing, f"untranslated in {po_path}: {missing}"


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parts[-5])
def test_compiled_catalogue_matches_the_po_file(po_path):
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    expected = {e.msgid: (e.msgstr or e.msgstr_plural) for e in po if e.translated()}
    compiled = {e.msgid: (e.msgstr or e.msgstr_plural) for e in mo if e.msgid}
    assert compiled == expected, (
        f"run scripts/po_fill.py or `make messages` for {po_path}"
    )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed")
def test_po_files_contain_every_string_of_the_code(tmp_path):
    """makemessages on a copy of each app finds no msgid missing from its .po file."""
    django_admin = Path(sys.executable).with_name("django-admin")
    stale = {}
    for app in sorted(p.parents[3] for p in PO_FILES):
        copy = tmp_path / app.name
        shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__"))
        subprocess.run(
            [str(django_admin), "makemessages", "-l", "pl", "--no-location"],
            cwd=copy,
            check=True,
            capture_output=True,
            env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        )
        fresh = {
            e.msgid for e in polib.pofile(str(copy / "locale/pl/LC_MESSAGES/django.po"))
        }
        known = {
            e.msgid for e in polib.pofile(str(app / "locale/pl/LC_MESSAGES/django.po"))
        }
        if fresh - known:
            stale[app.name] = sorted(fresh - known)
    assert not stale, f"strings missing from .po files (run `make messages`): {stale}"

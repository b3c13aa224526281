"""Fill Polish translations into a .po file from a JSON object {msgid: msgstr}.

Usage: python scripts/po_fill.py razem/APP/locale/pl/LC_MESSAGES/django.po < pl.json
For plural entries give a list: {"%(n)s seat": ["%(n)s miejsce", "%(n)s miejsca", "%(n)s miejsc"]}.
Prints the msgids still untranslated.
"""

import json
import sys

import polib


def main() -> None:
    path = sys.argv[1]
    translations = json.load(sys.stdin)
    po = polib.pofile(path)
    po.metadata.setdefault("Language", "pl")
    po.metadata["Plural-Forms"] = (
        "nplurals=3; plural=(n==1 ? 0 : (n%10>=2 && n%10<=4) && "
        "(n%100<12 || n%100>14) ? 1 : 2);"
    )
    for entry in po:
        if entry.msgid in translations:
            value = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save(path)
    po.save_as_mofile(path[:-3] + ".mo")
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    for msgid in missing:
        print("MISSING:", json.dumps(msgid, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""Side-by-side comparison of two versions of a draft, section by section.

Sections are matched by their stable key. Changed text is compared word by word;
the result is HTML built from escaped text only, with `<del>`/`<ins>` around the
changes and a visually hidden "removed:"/"added:" for screen readers, so colour
is never the only cue.
"""

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

UNCHANGED = "unchanged"
CHANGED = "changed"
ADDED = "added"
REMOVED = "removed"

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Row:
    status: str
    key: str
    old: object | None  # the Section in the old version, if any
    new: object | None
    old_html: SafeString
    new_html: SafeString

    @property
    def section(self):
        return self.new or self.old

    @property
    def anchor(self) -> str:
        return "s-" + self.key.replace("/", "--")


def _text_html(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return escape(text).replace("\n", "<br>")


def _marked(tag: str, text: str) -> str:
    if not text.strip():
        return _text_html(text)
    cue = _("removed:") if tag == "del" else _("added:")
    end = _("end of removed text") if tag == "del" else _("end of added text")
    return (
        f'<{tag}><span class="visually-hidden">{escape(cue)} </span>'
        f"{_text_html(text)}"
        f'<span class="visually-hidden"> ({escape(end)})</span></{tag}>'
    )


def words_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """(old, new) as safe HTML with the removed words in <del> on the old side and
    the added ones in <ins> on the new side. The text is escaped before marking."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            left.append(_text_html(removed))
            right.append(_text_html(added))
            continue
        if removed:
            left.append(_marked("del", removed))
        if added:
            right.append(_marked("ins", added))
    # Safe: every piece above is escaped text or markup written here.
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308


def _content(section) -> tuple[str, str, str]:
    return (section.label, section.heading, section.text)


def _whole(section) -> str:
    parts = [p for p in (section.label, section.heading) if p]
    title = " ".join(parts)
    return (
        f"{title}\n{section.text}" if title and section.text else title or section.text
    )


def sections_diff(old: Iterable, new: Iterable) -> list[Row]:
    """Rows in the new version's order; a removed section follows the section it
    came after in the old version (or opens the list if nothing before it stays)."""
    old_sections: Sequence = list(old)
    new_sections: Sequence = list(new)
    old_by_key = {s.key: s for s in old_sections}
    new_keys = {s.key for s in new_sections}

    removed_after: dict[str | None, list] = {}
    previous = None
    for section in old_sections:
        if section.key in new_keys:
            previous = section.key
        else:
            removed_after.setdefault(previous, []).append(section)

    def removed_rows(after):
        return [
            Row(
                REMOVED,
                s.key,
                s,
                None,
                mark_safe(_marked("del", _whole(s))),  # noqa: S308 (escaped)
                mark_safe(""),
            )
            for s in removed_after.get(after, [])
        ]

    rows = removed_rows(None)
    for section in new_sections:
        before = old_by_key.get(section.key)
        if before is None:
            rows.append(
                Row(
                    ADDED,
                    section.key,
                    None,
                    section,
                    mark_safe(""),
                    mark_safe(_marked("ins", _whole(section))),  # noqa: S308
                )
            )
        elif _content(before) == _content(section):
            html = mark_safe(_text_html(_whole(section)))  # noqa: S308 (escaped)
            rows.append(Row(UNCHANGED, section.key, before, section, html, html))
        else:
            left, right = words_diff(_whole(before), _whole(section))
            rows.append(Row(CHANGED, section.key, before, section, left, right))
        rows.extend(removed_rows(section.key))
    return rows


def version_diff(old, new) -> list[Row]:
    """Compare two DocumentVersions (two queries)."""
    return sections_diff(
        old.sections.order_by("position"), new.sections.order_by("position")
    )


def diff_counts(rows: Iterable[Row]) -> dict[str, int]:
    counts = {UNCHANGED: 0, CHANGED: 0, ADDED: 0, REMOVED: 0}
    for row in rows:
        counts[row.status] += 1
    return counts


def change_counts(old: Iterable, new: Iterable) -> dict[str, int]:
    """How many sections are unchanged, changed, added and removed (no HTML)."""
    before = {s.key: _content(s) for s in old}
    counts = {UNCHANGED: 0, CHANGED: 0, ADDED: 0, REMOVED: 0}
    seen = set()
    for section in new:
        seen.add(section.key)
        if section.key not in before:
            counts[ADDED] += 1
        elif before[section.key] == _content(section):
            counts[UNCHANGED] += 1
        else:
            counts[CHANGED] += 1
    counts[REMOVED] = len(set(before) - seen)
    return counts

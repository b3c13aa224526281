"""Reading a draft into sections with stable identifiers.

Every format is first read into blocks (a heading with its level, or a paragraph of
one or more lines); one builder then splits the blocks into sections:

- a heading (Markdown `#`, DOCX styles Heading 1–6, ODT `text:h`) starts a section;
- so does a line, in any paragraph, that starts with a unit of a legal act or a
  programme: `Rozdział 1` / `Rozdział I`, `§ 3.`, `Art. 5a.`, `Priorytet I`, `Cel 1`,
  `Działanie I.1`;
- text before the first of them is the introduction (key `wstep`).

Keys are lower-case ASCII derived from the unit's label (`rozdzial-1`, `par-3`,
`art-5a`, `priorytet-i`, `dzialanie-i-1`) and nest by hierarchy (Rozdział > Art. > §,
Cel > Priorytet > Działanie): `priorytet-i/dzialanie-i-1`. So they stay the same
from one version to the next, which lets comments and diffs follow a section.
A heading without a recognised label gets its slug; a repeated key gets `-2`, `-3`.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from razem.consultations.exceptions import ConsultationError
from razem.core.uploads import document_kind, max_document_bytes

MAX_SECTIONS = 2000
MAX_TEXT_CHARS = 2 * 1024 * 1024
# Inflated XML of a DOCX or ODT: a small archive must not expand without limit.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
KEY_MAX = 200
LABEL_MAX = 100
HEADING_MAX = 500
SLUG_MAX = 60
INTRODUCTION = "wstep"
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".txt")


class DocumentError(ConsultationError):
    """The draft could not be read: empty, broken, of the wrong type or too large."""


@dataclass(frozen=True)
class ParsedSection:
    key: str
    label: str
    heading: str
    text: str
    depth: int


@dataclass(frozen=True)
class _Block:
    text: str
    level: int = 0  # 1–6 for a heading, 0 for a paragraph


# --- Units ------------------------------------------------------------------------

_ROMAN = r"[IVXLCDM]+"
_UNIT = re.compile(
    r"""^\s*(?:
        (?P<rozdzial>Rozdział|ROZDZIAŁ)\s+(?P<rozdzial_n>[IVXLCDM]+|\d+[a-z]?)
      | (?P<art>Art\.|ART\.)\s*(?P<art_n>\d+[a-z]*)
      | (?P<par>§)\s*(?P<par_n>\d+[a-z]*)
      | (?P<cel>Cel|CEL)\s+(?P<cel_n>[IVXLCDM]+|\d+(?:\.\d+)*)
      | (?P<priorytet>Priorytet|PRIORYTET)\s+(?P<priorytet_n>[IVXLCDM]+|\d+)
      | (?P<dzialanie>Działanie|DZIAŁANIE)\s+
        (?P<dzialanie_n>(?:[IVXLCDM]+|\d+)(?:\.(?:[IVXLCDM]+|\d+))*)
    )(?![\w.]\w)(?P<dot>\.)?(?:[\s\u00a0]+(?P<rest>.*?))?\s*$""",
    re.VERBOSE | re.DOTALL,
)

# kind: (key prefix, label format, rank in its hierarchy, title unit?)
# A "title" unit's rest of line is its heading (Rozdział 1 Przepisy ogólne); for the
# others it is the first line of the text (§ 3. Uchwała wchodzi w życie …).
_KINDS = {
    "rozdzial": ("rozdzial", "Rozdział {}", 0, True),
    "art": ("art", "Art. {}", 1, False),
    "par": ("par", "§ {}", 2, False),
    "cel": ("cel", "Cel {}", 0, True),
    "priorytet": ("priorytet", "Priorytet {}", 1, True),
    "dzialanie": ("dzialanie", "Działanie {}", 2, False),
}
_PARAGRAPH_LEVEL = 7  # units found in paragraphs sit below any heading


@dataclass(frozen=True)
class _Unit:
    part: str
    label: str
    rank: int
    is_title: bool
    rest: str


def _match_unit(line: str) -> _Unit | None:
    found = _UNIT.match(line)
    if not found:
        return None
    rest = (found.group("rest") or "").strip()
    # "§ 3 ust. 2 stosuje się …" is a reference, not a unit: a unit's number is
    # followed by a full stop, the end of the line or a capitalised title.
    if not found.group("dot") and rest and not (rest[0].isupper() or rest[0] in '„"('):
        return None
    kind = next(k for k in _KINDS if found.group(k))
    number = found.group(f"{kind}_n")
    prefix, label_format, rank, is_title = _KINDS[kind]
    return _Unit(
        part=f"{prefix}-{_ascii(number).lower().replace('.', '-')}",
        label=label_format.format(number),
        rank=rank,
        is_title=is_title,
        rest=rest,
    )


def _ascii(value: str) -> str:
    value = value.replace("ł", "l").replace("Ł", "L")
    return (
        unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    )


def slug(value: str) -> str:
    """Lower-case ASCII words joined with hyphens, at most 60 characters."""
    words = re.findall(r"[a-z0-9]+", _ascii(value).lower())
    result = "-".join(words)[:SLUG_MAX].strip("-")
    return result or "sekcja"


# --- Building sections -----------------------------------------------------------


@dataclass
class _Open:
    """An open section on the hierarchy stack."""

    path: str | None  # the key, for units; None for headings without a label
    rank: int | None
    level: int


class _Builder:
    def __init__(self, field: str):
        self.field = field
        self.sections: list[dict] = []
        self.stack: list[_Open] = []
        self.keys: set[str] = set()
        self.intro: list[str] = []
        self.awaiting_heading = False
        self.min_level = 7

    def _unique(self, key: str) -> str:
        key = key[:KEY_MAX]
        found, n = key, 2
        while found in self.keys:
            suffix = f"-{n}"
            found, n = key[: KEY_MAX - len(suffix)] + suffix, n + 1
        self.keys.add(found)
        return found

    def _parent_path(self) -> str:
        return next((o.path for o in reversed(self.stack) if o.path), "")

    def _start(self, *, key, label, heading, depth):
        if len(self.sections) >= MAX_SECTIONS:
            raise DocumentError(
                _("The document has more than %(n)s sections.") % {"n": MAX_SECTIONS},
                field=self.field,
                code="too_many_sections",
            )
        text = []
        if len(heading) > HEADING_MAX:
            heading, text = "", [heading]
        self.sections.append(
            {
                "key": key,
                "label": label[:LABEL_MAX],
                "heading": heading,
                "text": text,
                "depth": depth,
            }
        )

    def unit(self, unit: _Unit, level: int) -> None:
        # "Art. 5. § 1. Treść": the paragraph opens on the article's line.
        inner = _match_unit(unit.rest) if unit.rest else None
        if inner is not None and inner.rank > unit.rank:
            self.unit(replace(unit, rest=""), level)
            self.unit(inner, level)
            return
        # A unit closes every open unit of its rank or below, and what is inside.
        cut = next(
            (
                i
                for i, o in enumerate(self.stack)
                if o.rank is not None and o.rank >= unit.rank
            ),
            None,
        )
        if cut is not None:
            del self.stack[cut:]
        else:
            while self.stack and self.stack[-1].rank is None:
                if self.stack[-1].level < level:
                    break
                self.stack.pop()
        parent = self._parent_path()
        key = self._unique(f"{parent}/{unit.part}" if parent else unit.part)
        from_heading = level < _PARAGRAPH_LEVEL
        heading = unit.rest if (unit.is_title or from_heading) else ""
        self._start(key=key, label=unit.label, heading=heading, depth=len(self.stack))
        if unit.rest and not heading:
            self.sections[-1]["text"].append(unit.rest)
        self.stack.append(_Open(path=key, rank=unit.rank, level=level))
        self.awaiting_heading = unit.is_title and not unit.rest

    def heading(self, text: str, level: int) -> None:
        if self.awaiting_heading and not self.sections[-1]["text"]:
            # "Rozdział 1" on one line, its title on the next.
            self.sections[-1]["heading"] = text[:HEADING_MAX]
            self.awaiting_heading = False
            return
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self._parent_path()
        own = slug(text)
        key = self._unique(f"{parent}/{own}" if parent else own)
        self._start(key=key, label="", heading=text, depth=len(self.stack))
        self.stack.append(_Open(path=None, rank=None, level=level))
        self.awaiting_heading = False

    def line(self, line: str, *, new_paragraph: bool) -> None:
        if not self.sections:
            if self.intro:
                self.intro.append("\n\n" if new_paragraph else "\n")
            self.intro.append(line)
            self.keys.add(INTRODUCTION)  # a later heading "Wstęp" becomes wstep-2
            return
        if (
            self.awaiting_heading
            and len(line) <= 200
            and not line.endswith((".", ";", ":", ","))
            and not self.sections[-1]["text"]
        ):
            self.sections[-1]["heading"] = line
            self.awaiting_heading = False
            return
        self.awaiting_heading = False
        text = self.sections[-1]["text"]
        separator = "\n\n" if new_paragraph else "\n"
        text.append((separator if text else "") + line)

    def block(self, block: _Block) -> None:
        text = block.text.strip()
        if not text:
            return
        if block.level:
            single = " ".join(text.split())
            unit = _match_unit(single)
            if unit:
                self.unit(unit, block.level)
            else:
                self.heading(single, block.level)
            return
        first = True
        for raw in text.split("\n"):
            line = raw.strip()
            if not line:
                first = True
                continue
            unit = _match_unit(line)
            if unit:
                self.unit(unit, _PARAGRAPH_LEVEL)
            else:
                self.line(line, new_paragraph=first)
            first = False

    def result(self) -> list[ParsedSection]:
        sections = []
        intro = "".join(self.intro).strip()
        if intro:
            sections.append(ParsedSection(INTRODUCTION, "", "", intro, 0))
        total = len(intro)
        for s in self.sections:
            text = "".join(s["text"]).strip()
            total += len(text) + len(s["heading"])
            sections.append(
                ParsedSection(
                    key=s["key"],
                    label=s["label"],
                    heading=s["heading"].strip(),
                    text=text,
                    depth=s["depth"],
                )
            )
        if not sections or not any(s.text or s.heading for s in sections):
            raise DocumentError(
                _("The document has no text."), field=self.field, code="empty"
            )
        if len(sections) > MAX_SECTIONS:
            raise DocumentError(
                _("The document has more than %(n)s sections.") % {"n": MAX_SECTIONS},
                field=self.field,
                code="too_many_sections",
            )
        if total > MAX_TEXT_CHARS:
            raise DocumentError(
                _("The document's text is longer than %(mb)s MB.")
                % {"mb": MAX_TEXT_CHARS // (1024 * 1024)},
                field=self.field,
                code="too_long",
            )
        return sections


def _build(blocks, field: str) -> list[ParsedSection]:
    builder = _Builder(field)
    total = 0
    for block in blocks:
        total += len(block.text)
        if total > MAX_TEXT_CHARS:
            raise DocumentError(
                _("The document's text is longer than %(mb)s MB.")
                % {"mb": MAX_TEXT_CHARS // (1024 * 1024)},
                field=field,
                code="too_long",
            )
        builder.block(block)
    return builder.result()


def _check_text(text, field: str) -> str:
    if text is None or not str(text).strip():
        raise DocumentError(_("The document has no text."), field=field, code="empty")
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(
            _("The document's text is longer than %(mb)s MB.")
            % {"mb": MAX_TEXT_CHARS // (1024 * 1024)},
            field=field,
            code="too_long",
        )
    return text


# --- Plain text and Markdown -----------------------------------------------------


def _paragraphs(text: str):
    for chunk in re.split(r"\n[ \t]*\n", text):
        if chunk.strip():
            yield _Block(chunk)


def parse_text(text: str, *, field: str = "text") -> list[ParsedSection]:
    """Pasted plain text: paragraphs separated by blank lines, units by their labels."""
    return _build(_paragraphs(_check_text(text, field)), field)


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _plain_markdown(line: str) -> str:
    line = _EMPHASIS.sub(r"\2", line)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", line)


def parse_markdown(text: str, *, field: str = "text") -> list[ParsedSection]:
    """Markdown: ATX headings (`#` … `######`, bold inside them is dropped) and
    paragraphs; units of the act are also recognised at the start of lines."""
    text = _check_text(text, field)
    blocks: list[_Block] = []
    paragraph: list[str] = []
    fenced = False

    def flush():
        if paragraph:
            blocks.append(_Block("\n".join(paragraph)))
            paragraph.clear()

    for line in text.split("\n"):
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        heading = None if fenced else _ATX.match(line)
        if heading:
            flush()
            blocks.append(
                _Block(_plain_markdown(heading.group(2) or ""), len(heading[1]))
            )
        elif not line.strip():
            flush()
        elif not fenced and re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", line):
            flush()  # a thematic break
        else:
            paragraph.append(line if fenced else _plain_markdown(line))
    flush()
    return _build(blocks, field)


# --- Files -----------------------------------------------------------------------


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(position)
    return size


def _check_file(file, expected: str) -> None:
    """Size within the limit, and the content is really of the `expected` kind."""
    if file is None:
        raise DocumentError(_("Choose a file."), field="file", code="required")
    limit = max_document_bytes()
    size = _size(file)
    if size > limit:
        raise DocumentError(
            _("A file may be at most %(size)s.") % {"size": filesizeformat(limit)},
            field="file",
            code="too_large",
        )
    if size == 0:
        raise DocumentError(_("The file is empty."), field="file", code="empty")
    kind = document_kind(file)
    if kind != expected:
        names = {"docx": "DOCX", "odt": "ODT"}
        raise DocumentError(
            _("This is not a %(kind)s document, or the file is damaged.")
            % {"kind": names[expected]},
            field="file",
            code="wrong_type",
        )
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _broken() from exc
    finally:
        file.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentError(
            _("The document is too large once unpacked."),
            field="file",
            code="too_large",
        )


def _broken() -> DocumentError:
    return DocumentError(
        _("The file could not be read; it may be damaged."),
        field="file",
        code="broken",
    )


_HTML_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"}


class _HtmlBlocks(HTMLParser):
    """Mammoth's HTML → blocks: h1–h6 are headings; p, li and table cells are
    paragraphs; <br> breaks a line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.buffer: list[str] = []
        self.levels: list[int] = []

    def _flush(self):
        text = "".join(self.buffer)
        if text.strip():
            level = self.levels[-1] if self.levels else 0
            self.blocks.append(_Block(text, level))
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        if tag in _HTML_BLOCKS:
            self._flush()
            self.levels.append(int(tag[1]) if tag[0] == "h" and tag != "th" else 0)
        elif tag == "br":
            self.buffer.append("\n")

    def handle_endtag(self, tag):
        if tag in _HTML_BLOCKS:
            self._flush()
            if self.levels:
                self.levels.pop()

    def handle_data(self, data):
        self.buffer.append(data)

    def close(self):
        super().close()
        self._flush()


def parse_docx(file) -> list[ParsedSection]:
    """A Word document: styles Heading 1–6 are headings, other paragraphs, list
    items and table cells are paragraphs. Images and external files are ignored."""
    import mammoth

    _check_file(file, "docx")
    try:
        result = mammoth.convert_to_html(
            file, convert_image=mammoth.images.img_element(lambda image: {})
        )
    except Exception as exc:  # mammoth raises anything from KeyError to XML errors
        raise _broken() from exc
    parser = _HtmlBlocks()
    parser.feed(result.value)
    parser.close()
    return _build(parser.blocks, "file")


def _odt_blocks(element, blocks: list[_Block]) -> None:
    from odf import teletype

    for child in element.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        name = child.qname[1]
        if name in ("tracked-changes", "annotation", "note"):
            continue  # deleted text, comments and footnotes are not the draft
        if name == "h":
            try:
                level = int(child.getAttribute("outlinelevel") or 1)
            except ValueError:
                level = 1
            blocks.append(_Block(teletype.extractText(child), min(max(level, 1), 6)))
        elif name == "p":
            blocks.append(_Block(teletype.extractText(child)))
        else:
            _odt_blocks(child, blocks)


def parse_odt(file) -> list[ParsedSection]:
    """An OpenDocument text: `text:h` with its outline level are headings;
    paragraphs, lists, tables and sections are read in order."""
    from odf.opendocument import load

    _check_file(file, "odt")
    try:
        document = load(file)
        blocks: list[_Block] = []
        _odt_blocks(document.text, blocks)
    except Exception as exc:  # odfpy raises KeyError, XML and zip errors alike
        raise _broken() from exc
    return _build(blocks, "file")


def parse_markdown_file(file) -> list[ParsedSection]:
    """A Markdown or plain text file in UTF-8."""
    if file is None:
        raise DocumentError(_("Choose a file."), field="file", code="required")
    limit = max_document_bytes()
    if _size(file) > limit:
        raise DocumentError(
            _("A file may be at most %(size)s.") % {"size": filesizeformat(limit)},
            field="file",
            code="too_large",
        )
    file.seek(0)
    data = file.read()
    file.seek(0)
    if isinstance(data, str):
        return parse_markdown(data, field="file")
    if document_kind(file) is not None or b"\x00" in data:
        raise DocumentError(
            _("This is not a Markdown or text file."), field="file", code="wrong_type"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            _("The file is not in UTF-8; save it as UTF-8 text and try again."),
            field="file",
            code="encoding",
        ) from exc
    return parse_markdown(text, field="file")


def source_of(file) -> str:
    """The source of an upload ("markdown", "docx" or "odt"), from its name or else
    its content. The parser then checks the content really is of that kind."""
    name = (getattr(file, "name", "") or "").lower()
    if name.endswith(".docx"):
        return "docx"
    if name.endswith(".odt"):
        return "odt"
    if name.endswith(MARKDOWN_EXTENSIONS):
        return "markdown"
    kind = document_kind(file)
    if kind in ("docx", "odt"):
        return kind
    if kind is not None or name.endswith((".pdf", ".doc", ".rtf", ".xlsx", ".ods")):
        raise DocumentError(
            _("Upload the draft as a Markdown, DOCX or ODT file."),
            field="file",
            code="wrong_type",
        )
    return "markdown"


def parse_file(file, source: str) -> list[ParsedSection]:
    parsers = {
        "markdown": parse_markdown_file,
        "docx": parse_docx,
        "odt": parse_odt,
    }
    if source not in parsers:
        raise DocumentError(
            _("Upload the draft as a Markdown, DOCX or ODT file."),
            field="file",
            code="wrong_type",
        )
    return parsers[source](file)

"""Polish text to index terms: lemmas from Morfeusz 2, folded case and diacritics.

Both documents and queries go through here, so "organizacjami pozarządowymi" and
"organizacja pozarządowa" meet at the lemmas "organizacja pozarzadowy", and "lodz"
meets "Łódź" at "lodz". Morfeusz may give several lemmas for one form ("powiecie" →
powiat, powiedzieć): all of them are indexed, which favours recall.
"""

import itertools
import re
import threading
import unicodedata
from functools import lru_cache

import morfeusz2

# Letters and digits; underscore and punctuation separate words (as FTS5 unicode61).
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_FOLD = str.maketrans("ąćęłńóśźż", "acelnoszz")
# The Polish letters an ASCII letter may stand for when typed without diacritics.
_DIACRITIC_VARIANTS = {
    "a": "aą",
    "c": "cć",
    "e": "eę",
    "l": "lł",
    "n": "nń",
    "o": "oó",
    "s": "sś",
    "z": "zźż",
}
MAX_VARIANTS = 512
STOPWORDS = frozenset(
    "a aby albo ale ani az bo by czy dla do i ich ja jak jest juz lub na nad nie o od "
    "oraz po pod przez przy sa sie ta te to tu w we z za ze".split()
)

_local = threading.local()


def _morfeusz() -> morfeusz2.Morfeusz:
    # One Morfeusz per thread: they are not shared (the live test server is threaded).
    analyser = getattr(_local, "morfeusz", None)
    if analyser is None:
        analyser = _local.morfeusz = morfeusz2.Morfeusz(
            generate=False, expand_tags=False
        )
    return analyser


def fold(text: str) -> str:
    """Lower case without diacritics: "Łódź" → "lodz", "Müller" → "muller"."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return WORD_RE.findall(text or "")


@lru_cache(maxsize=300_000)
def _analyse(word: str) -> tuple[tuple[str, ...], bool]:
    """(folded lemmas, known) of one word; unknown words are their own lemma."""
    lemmas = set()
    known = False
    for _start, _end, (_form, lemma, tag, _names, _quals) in _morfeusz().analyse(word):
        if tag == "ign":
            continue
        if tag == "interp":
            continue
        known = True
        lemmas.add(fold(lemma.split(":", 1)[0]))
    if not lemmas:
        lemmas.add(fold(word))
    return tuple(sorted(lemmas)), known


def word_lemmas(word: str) -> tuple[str, ...]:
    return _analyse(word)[0]


@lru_cache(maxsize=20_000)
def _restored_lemmas(word: str) -> tuple[str, ...]:
    """Lemmas of the Polish words an ASCII-typed word may be (spoleczna: społeczny)."""
    lower = word.lower()
    options = [_DIACRITIC_VARIANTS.get(ch, ch) for ch in lower]
    count = 1
    for option in options:
        count *= len(option)
    if count > MAX_VARIANTS or count == 1:
        return ()
    found: set[str] = set()
    for letters in itertools.product(*options):
        candidate = "".join(letters)
        if candidate == lower:
            continue
        lemmas, known = _analyse(candidate)
        if known:
            found.update(lemmas)
    return tuple(sorted(found))


def index_terms(text: str, *, forms: bool = True) -> str:
    """The terms a text is indexed under: folded lemmas, and with `forms` also the
    folded word forms (so typing an inflected name as a prefix finds it). Long texts
    are indexed by lemmas only, which keeps the index small."""
    terms: dict[str, None] = {}
    for word in words(text):
        folded = fold(word)
        if folded in STOPWORDS:
            continue
        for lemma in word_lemmas(word):
            terms[lemma] = None
        if forms:
            terms[folded] = None
    return " ".join(terms)


def query_groups(query: str, *, max_words: int = 12) -> list[tuple[str, ...]]:
    """For each query word, the terms any of which may match it (an OR-group).

    Groups are AND-ed by the backends. Stopwords are dropped unless the query has
    nothing else; the word count is capped so a 1,000-character query stays cheap.
    """
    found = [w for w in words(query[:1000])]
    kept = [w for w in found if fold(w) not in STOPWORDS] or found
    groups = []
    for word in kept[:max_words]:
        lemmas, known = _analyse(word)
        alternatives = set(lemmas) | {fold(word)}
        if not known and word.isascii():
            alternatives.update(_restored_lemmas(word))
        groups.append(tuple(sorted(alternatives)))
    return groups

"""Bundled fonts, registered as real families, and the choice of a font for each run of text.

reportlab never falls back to another font and never warns about a missing glyph, so we do it:
every character is given to the first bundled font that has it (Noto Sans for Latin, Greek and
Cyrillic; a Noto font per script; DejaVu Sans for symbols). A character that no bundled font has
becomes U+FFFD, the visible replacement character, never a crash and never an empty gap.

Scripts that need shaping (Arabic, Bengali and the other Indic scripts) and right-to-left scripts
(Arabic, Hebrew) are rendered only when `uharfbuzz` is importable; without it their characters are
replaced visibly rather than printed as broken, unjoined glyphs.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from facilitator.resources import resource

try:  # optional: enables shaping (Arabic, Indic scripts) in reportlab
    import uharfbuzz  # noqa: F401

    SHAPING_AVAILABLE = True
except ImportError:  # pragma: no cover - depends on the environment
    SHAPING_AVAILABLE = False

REPLACEMENT = "\ufffd"
HAIR_SPACE = "\u200a"
_PREFIX = "Fac"  # registered names never clash with other reportlab users in the same process

VARIANTS = ("regular", "bold", "italic", "boldItalic")


@dataclass(frozen=True)
class Family:
    """One bundled typeface: its files, and what it needs to be drawn correctly."""

    key: str
    files: dict = field(hash=False)  # variant -> file name in resources/fonts
    shaped: bool = False  # needs harfbuzz shaping to be legible
    rtl: bool = False  # written right to left
    ranges: tuple = ()  # Unicode ranges worth checking this font for ((lo, hi), ...); () means any

    def name(self, bold: bool = False, italic: bool = False) -> str:
        variant = ("boldItalic" if italic else "bold") if bold else ("italic" if italic else "regular")
        if variant not in self.files:  # no real italic: use upright rather than a fake slant
            variant = "bold" if bold and "bold" in self.files else "regular"
        return f"{_PREFIX}{self.key}-{variant}"

    def usable(self) -> bool:
        return SHAPING_AVAILABLE or not (self.shaped or self.rtl)

    def may_cover(self, code: int) -> bool:
        return not self.ranges or any(lo <= code <= hi for lo, hi in self.ranges)


def _pair(stem: str) -> dict:
    return {"regular": f"{stem}-Regular.ttf", "bold": f"{stem}-Bold.ttf"}


SANS = Family("Sans", {
    "regular": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf",
    "italic": "NotoSans-Italic.ttf", "boldItalic": "NotoSans-BoldItalic.ttf",
})
ARABIC = Family("Arabic", _pair("NotoNaskhArabic"), shaped=True, rtl=True, ranges=(
    (0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)))
# Hebrew is drawn with DejaVu Sans, which (unlike Noto Sans Hebrew) has the punctuation Hebrew text uses.
HEBREW = Family("Hebrew", {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}, shaped=True, rtl=True,
                ranges=((0x0590, 0x05FF), (0xFB1D, 0xFB4F)))
BENGALI = Family("Bengali", _pair("NotoSansBengali"), shaped=True, ranges=((0x0980, 0x09FF),))
DEVANAGARI = Family("Devanagari", _pair("NotoSansDevanagari"), shaped=True, ranges=((0x0900, 0x097F), (0xA8E0, 0xA8FF)))
GURMUKHI = Family("Gurmukhi", _pair("NotoSansGurmukhi"), shaped=True, ranges=((0x0A00, 0x0A7F),))
GUJARATI = Family("Gujarati", _pair("NotoSansGujarati"), shaped=True, ranges=((0x0A80, 0x0AFF),))
TAMIL = Family("Tamil", _pair("NotoSansTamil"), shaped=True, ranges=((0x0B80, 0x0BFF),))
# DejaVu Sans has Arabic and Hebrew too, but only as a last resort for symbols: the script fonts
# come first, and DejaVu is never used for a script that needs shaping it does not do well.
SYMBOLS = Family("Symbols", {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"})

FAMILIES = (SANS, ARABIC, HEBREW, BENGALI, DEVANAGARI, GURMUKHI, GUJARATI, TAMIL, SYMBOLS)
_BY_KEY = {f.key: f for f in FAMILIES}
# Scripts whose characters must never fall back to DejaVu (it would print them unshaped).
_SHAPED_RANGES = tuple(r for f in FAMILIES if f.shaped for r in f.ranges)

_lock = threading.Lock()
_coverage: dict[str, frozenset] = {}


def register_fonts() -> None:
    """Register every bundled family with reportlab once per process (bold and italic are real files)."""
    if _coverage:
        return
    with _lock:
        if _coverage:
            return
        coverage = {}
        for family in FAMILIES:
            chars = None
            for variant, file_name in family.files.items():
                font = TTFont(f"{_PREFIX}{family.key}-{variant}", str(resource("fonts", file_name)))
                pdfmetrics.registerFont(font)
                cmap = set(font.face.charToGlyph)
                chars = cmap if chars is None else chars & cmap  # a character must be in every weight
            coverage[family.key] = frozenset(chars)
            pdfmetrics.registerFontFamily(
                f"{_PREFIX}{family.key}",
                normal=family.name(), bold=family.name(bold=True),
                italic=family.name(italic=True), boldItalic=family.name(bold=True, italic=True),
            )
        _coverage.update(coverage)


def covers(family: Family, char: str) -> bool:
    register_fonts()
    return ord(char) in _coverage[family.key]


def family(key: str) -> Family:
    return _BY_KEY[key]


def _is_neutral(char: str) -> bool:
    """Spaces, punctuation, symbols and digits: they join the run around them when its font has them."""
    return unicodedata.category(char)[0] in "PSZN" or char in "\u200c\u200d"


@lru_cache(maxsize=4096)
def font_for(char: str) -> Family | None:
    """The first usable bundled family that has `char`, or None (it must be replaced)."""
    register_fonts()
    code = ord(char)
    for fam in FAMILIES:
        if code in _coverage[fam.key] and fam.may_cover(code):
            if not fam.usable():
                return None
            if fam is SYMBOLS and any(lo <= code <= hi for lo, hi in _SHAPED_RANGES + ARABIC.ranges + HEBREW.ranges):
                return None
            return fam
    return None


@dataclass
class Run:
    family: Family
    text: str


def runs(text: str) -> list[Run]:
    """Split clean text (no newlines) into runs that one font can draw; unknown characters become U+FFFD."""
    register_fonts()
    sans = _coverage[SANS.key]
    if all(ord(c) in sans for c in text):  # the common case: one run in the body font
        return [Run(SANS, text)] if text else []
    found: list[Run] = []
    current: Run | None = None
    for char in text:
        if current is not None and _is_neutral(char) and ord(char) in _coverage[current.family.key]:
            current.text += char
            continue
        fam = font_for(char)
        if fam is None:
            char = REPLACEMENT
            fam = current.family if current is not None and ord(char) in _coverage[current.family.key] else SANS
        if current is not None and current.family is fam:
            current.text += char
        else:
            current = Run(fam, char)
            found.append(current)
    return found


def needs_shaping(found: list[Run]) -> bool:
    return any(r.family.shaped or r.family.rtl for r in found)


def is_rtl_text(text: str) -> bool:
    """True when the first strong character is right-to-left (the paragraph reads right to left)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def separate_mixed_words(found: list[Run]) -> list[Run]:
    """For shaped paragraphs: make every word drawable by one font.

    reportlab shapes a whole word with the font of its first character, so a word such as
    "(مرحبا)" that mixes fonts would come out as boxes. Each mixed word is moved to one family that
    has all its characters (the script's own font first, then DejaVu Sans); a word that no single
    font can draw is split at the font change by a hair space.
    """
    # Flatten to (family, char) and find words (maximal non-space stretches).
    chars = [(r.family, c) for r in found for c in r.text]
    out: list[tuple[Family, str]] = []
    i = 0
    while i < len(chars):
        if chars[i][1].isspace():
            out.append(chars[i])
            i += 1
            continue
        j = i
        while j < len(chars) and not chars[j][1].isspace():
            j += 1
        word = chars[i:j]
        families = list(dict.fromkeys(f for f, _ in word))
        if len(families) == 1:
            out.extend(word)
        else:
            # A word with a script font in it stays in that font (DejaVu's Arabic would look heavier
            # than Naskh beside it, and DejaVu has no Indic scripts); it is split instead.
            complex_script = any(f.shaped or f.rtl for f in families)
            preferred = sorted(families, key=lambda f: not (f.shaped or f.rtl)) + ([] if complex_script else [SYMBOLS])
            single = next((f for f in preferred if f.usable() and all(ord(c) in _coverage[f.key] for _, c in word)), None)
            if single is not None:
                out.extend((single, c) for _, c in word)
            else:
                previous = None
                for fam, c in word:
                    if previous is not None and fam is not previous:
                        out.append((previous, HAIR_SPACE))
                    out.append((fam, c))
                    previous = fam
        i = j
    merged: list[Run] = []
    for fam, c in out:
        if merged and merged[-1].family is fam:
            merged[-1].text += c
        elif merged and c.isspace():
            merged[-1].text += c  # spaces go with the run before them
        else:
            merged.append(Run(fam, c))
    return merged

"""The projector's typeface: Fira Sans, bundled in resources/fonts/display so every laptop shows the same.

Fira Sans covers Latin (including Welsh ŵ ŷ and Polish ł), Greek and Cyrillic. Anything else
(Arabic script, Bengali, emoji) falls back to the fonts Qt finds, with DejaVu Sans and Noto Sans
named first so a missing glyph never becomes a blank box where those fonts exist.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase

from facilitator.resources import resource

FAMILY = "Fira Sans"
FALLBACKS = ("DejaVu Sans", "Noto Sans")
FILES = ("FiraSans-Regular.ttf", "FiraSans-SemiBold.ttf")

_loaded: list[str] = []


def load_display_fonts() -> str:
    """Register the bundled display fonts with Qt once; returns the family to ask for."""
    if not _loaded:
        for name in FILES:
            path = resource("fonts", "display", name)
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                raise FileNotFoundError(f"The presenter's font is missing or damaged: {path}")
        _loaded.append(FAMILY)
    return FAMILY


@lru_cache(maxsize=512)
def display_font(pixel_size: int, bold: bool = False) -> QFont:
    """The presenter's font at a pixel size (sizes derive from the screen's height, never points)."""
    load_display_fonts()
    font = QFont()
    font.setFamilies([FAMILY, *FALLBACKS])
    font.setPixelSize(max(1, int(pixel_size)))
    font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(True)
    return font

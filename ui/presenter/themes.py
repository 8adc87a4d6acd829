"""Projector themes: light, dark and high contrast, each with every text colour at 7:1 or better.

A washed-out projector lifts blacks and dims whites, so the themes avoid mid-tones for anything
that carries meaning: text is near-black or near-white, borders are thick, and colour is never
the only signal (the live card has a heavier border and words; ratings say their name).
`text_pairs` lists every (text, background) pair a view draws, for the contrast test.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    background: str  # the screen
    text: str  # headings and card text
    muted: str  # prompts, card meta lines, footers (still 7:1 on both backgrounds)
    card: str  # card fill
    card_border: str
    accent: str  # the newest / live card's heavy border; the page's rule under the title
    timer_text: str
    timer_background: str
    over_text: str  # time over: drawn inverted, and it says "Over by"
    over_background: str
    rating_red: str  # stripes beside health-check ratings (the rating is also written out)
    rating_amber: str
    rating_green: str
    lead_fill: str  # a matrix cell an organisation leads: it says "L", and the fill repeats it
    lead_text: str
    support_fill: str  # a cell it supports: "S" on a lighter (greyscale-distinct) fill
    support_text: str

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, text colour, background colour) for every place text is drawn."""
        return [
            ("heading on screen", self.text, self.background),
            ("prompt on screen", self.muted, self.background),
            ("card text", self.text, self.card),
            ("card meta", self.muted, self.card),
            ("timer", self.timer_text, self.timer_background),
            ("time over", self.over_text, self.over_background),
            ("matrix lead mark", self.lead_text, self.lead_fill),
            ("matrix support mark", self.support_text, self.support_fill),
        ]

    def shape_pairs(self) -> list[tuple[str, str, str]]:
        """(what, colour, background) for coloured shapes and fills that carry meaning beside words:
        each must stand out from what it sits on (3:1, WCAG's figure for graphics)."""
        return [
            ("red rating shape", self.rating_red, self.card),
            ("amber rating shape", self.rating_amber, self.card),
            ("green rating shape", self.rating_green, self.card),
            ("lead cell", self.lead_fill, self.card),
        ]


THEMES: dict[str, Theme] = {
    "light": Theme(
        key="light", label="Light",
        background="#f3f2ee", text="#111111", muted="#33363b",
        card="#ffffff", card_border="#6b6b6b", accent="#0b3d91",
        timer_text="#111111", timer_background="#ffffff",
        over_text="#ffffff", over_background="#8a0f0f",
        rating_red="#b3261e", rating_amber="#c77700", rating_green="#1e7b34",
        lead_fill="#0b3d91", lead_text="#ffffff", support_fill="#a8bde0", support_text="#111111",
    ),
    "dark": Theme(
        key="dark", label="Dark",
        background="#0f1216", text="#f6f7f9", muted="#cfd6de",
        card="#1b2129", card_border="#8a96a3", accent="#ffc94d",
        timer_text="#f6f7f9", timer_background="#1b2129",
        over_text="#111111", over_background="#ffc94d",
        rating_red="#ff6b5e", rating_amber="#ffb020", rating_green="#4cc26a",
        lead_fill="#ffc94d", lead_text="#111111", support_fill="#44546a", support_text="#ffffff",
    ),
    "high_contrast": Theme(
        key="high_contrast", label="High contrast",
        background="#000000", text="#ffffff", muted="#ffff00",
        card="#000000", card_border="#ffffff", accent="#ffff00",
        timer_text="#ffffff", timer_background="#000000",
        over_text="#000000", over_background="#ffff00",
        rating_red="#ff4040", rating_amber="#ffb000", rating_green="#40ff40",
        lead_fill="#ffff00", lead_text="#000000", support_fill="#505050", support_text="#ffffff",
    ),
}

DEFAULT_THEME = "light"


def theme(key: str) -> Theme:
    return THEMES.get(key, THEMES[DEFAULT_THEME])


def relative_luminance(color: QColor | str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    color = QColor(color)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast_ratio(foreground: QColor | str, background: QColor | str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)

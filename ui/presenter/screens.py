"""Which screen the room sees: the remembered one if it is plugged in, else a screen that is not
the console's, else the console's own screen (one screen: F5 toggles between console and view).

`choose_screen` is pure over anything with `name()`, so tests can hand it pretend screens.
"""

from __future__ import annotations

from typing import Protocol, Sequence

from PySide6.QtGui import QGuiApplication, QScreen


class ScreenLike(Protocol):
    def name(self) -> str: ...


def choose_screen(screens: Sequence[ScreenLike], console: ScreenLike | None, remembered: str = "") -> ScreenLike | None:
    """The screen to present on. A remembered name wins when that screen is present; otherwise the
    first screen other than the console's; otherwise the console's screen (or the first screen)."""
    if not screens:
        return None
    if remembered:
        for screen in screens:
            if screen.name() == remembered:
                return screen
    for screen in screens:
        if console is None or screen is not console and screen.name() != console.name():
            return screen
    return console if console in screens else screens[0]


def is_shared(screen: ScreenLike | None, console: ScreenLike | None) -> bool:
    """True when the view would cover the console: a single-screen toggle, not a second display."""
    return screen is None or console is None or screen is console or screen.name() == console.name()


def screen_label(screen: QScreen) -> str:
    """"DP-1 — 1920×1080" plus the make and model when the system knows them."""
    size = screen.geometry().size()
    detail = " ".join(part for part in (screen.manufacturer(), screen.model()) if part).strip()
    name = screen.name() or "Screen"
    label = f"{name} — {size.width()}×{size.height()}"
    return f"{label} ({detail})" if detail else label


def all_screens() -> list[QScreen]:
    return list(QGuiApplication.screens())


def after_screen_removed(window_screen: ScreenLike | None, removed: ScreenLike, remaining: Sequence[ScreenLike],
                         console: ScreenLike | None, remembered: str = "") -> tuple[str, ScreenLike | None]:
    """What the view does when `removed` is unplugged while presenting:
    ("stay", None) if it was elsewhere; ("move", screen) to another screen that is not the console's
    (or to follow the console when the console's own screen went); ("wait", None) when only the
    console's screen is left: the window is kept, hidden, rather than cover the console."""
    if window_screen is not removed:
        return "stay", None
    target = choose_screen(remaining, console, remembered)
    if console is removed:
        return "move", target
    if target is not None and not is_shared(target, console):
        return "move", target
    return "wait", None


def after_screen_added(window_screen: ScreenLike | None, waiting: bool, screens: Sequence[ScreenLike],
                       console: ScreenLike | None, remembered: str = "") -> ScreenLike | None:
    """The screen to move the view to when a screen is plugged in while presenting, or None to stay:
    a projector plugged in takes the view from the console's screen (or from waiting), and the
    remembered screen takes it from any other."""
    target = choose_screen(screens, console, remembered)
    if target is None or is_shared(target, console):
        return None
    if waiting or target is not window_screen:
        return target
    return None

"""One typed wrapper over QSettings: every key, its type and default live here.

Tests pass an INI file path so nothing touches the user's real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    def __init__(self, ini_path: str | Path | None = None):
        if ini_path is None:
            self._q = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Facilitator", "Facilitator")
        else:
            self._q = QSettings(str(ini_path), QSettings.Format.IniFormat)

    # Recent files -----------------------------------------------------------------------------

    @property
    def recent_files(self) -> list[str]:
        value = self._q.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add_recent_file(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files if f != path]
        self._q.setValue("files/recent", files[:MAX_RECENT])

    def remove_recent_file(self, path: str | Path) -> None:
        self._q.setValue("files/recent", [f for f in self.recent_files if f != str(path)])

    @property
    def last_folder(self) -> str:
        return str(self._q.value("files/last_folder", "", str))

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self._q.setValue("files/last_folder", folder)

    # Window -------------------------------------------------------------------------------------

    @property
    def window_geometry(self) -> QByteArray:
        return self._q.value("window/geometry", QByteArray())

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        return self._q.value("window/state", QByteArray())

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._q.setValue("window/state", value)

    @property
    def font_scale(self) -> float:
        return float(self._q.value("view/font_scale", 1.0))

    @font_scale.setter
    def font_scale(self, value: float) -> None:
        self._q.setValue("view/font_scale", float(value))

    # Presenter (the projector view) ------------------------------------------------------------

    @property
    def presenter_screen(self) -> str:
        """The name of the screen chosen for presenting; "" means choose automatically."""
        return str(self._q.value("presenter/screen", "", str))

    @presenter_screen.setter
    def presenter_screen(self, name: str) -> None:
        self._q.setValue("presenter/screen", str(name))

    @property
    def presenter_theme(self) -> str:
        return str(self._q.value("presenter/theme", "light", str))

    @presenter_theme.setter
    def presenter_theme(self, key: str) -> None:
        self._q.setValue("presenter/theme", str(key))

    @property
    def presenter_show_attribution(self) -> bool:
        """Whether cards on the projector name who said it (off by default: private stays private)."""
        return bool(self._q.value("presenter/show_attribution", False, bool))

    @presenter_show_attribution.setter
    def presenter_show_attribution(self, shown: bool) -> None:
        self._q.setValue("presenter/show_attribution", bool(shown))

    @property
    def presenter_font_scale(self) -> float:
        try:
            return float(self._q.value("presenter/font_scale", 1.0))
        except (TypeError, ValueError):
            return 1.0

    @presenter_font_scale.setter
    def presenter_font_scale(self, value: float) -> None:
        self._q.setValue("presenter/font_scale", float(value))

    def sync(self) -> None:
        self._q.sync()

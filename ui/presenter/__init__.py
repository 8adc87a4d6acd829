"""The projector view: what the room sees (a pure view over the console's models)."""

from ui.presenter.controller import PresenterController
from ui.presenter.window import PresenterWindow

__all__ = ["PresenterController", "PresenterWindow"]

"""Facilitator's Qt-free core: the partnership file, its operations, undo, export and CLI."""

__version__ = "0.1.0"

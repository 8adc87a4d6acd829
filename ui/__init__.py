"""The PySide6 desktop layer. It changes data only through `facilitator.operations`."""

"""The planning view's pages, forms and lists (assembled by ui/plan_view.py)."""

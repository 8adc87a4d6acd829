"""Qt item models: thin adapters over rows read from the core (never a widget per row)."""

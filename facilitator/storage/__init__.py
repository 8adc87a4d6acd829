"""The partnership file on disk: schema, validation, the owning object and the row journal."""

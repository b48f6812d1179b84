"""Read-side queries used by views and the API; no writes here."""

"""The versioned JSON API under /api/v1/ (DRF; session auth for the browser, tokens for scripts)."""

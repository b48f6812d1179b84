"""Settings: `local` (make run/dev), `production` and `test`, all built on `base`."""

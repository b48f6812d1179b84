"""Learning analytics, pure Python: topic mastery with confidence bands, the adaptive
practice rule, and exam readiness with what to do next."""

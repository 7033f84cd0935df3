"""The generic runtime on django-viewflow (contracts 4–6)."""

"""Definition format: JSON Schemas, one validator, compile to specs, versions (contracts 1–3)."""

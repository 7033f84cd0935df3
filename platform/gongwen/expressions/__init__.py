"""Conditions as JSON Logic data, evaluated by a sandbox — never eval (contract 7)."""

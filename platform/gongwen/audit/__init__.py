"""Append-only, hash-chained audit events (contract 9)."""

"""Deadlines on person tasks: computed when a task opens, fired by the background worker."""

"""Gongwen: a low-code workflow platform for official-document circulation (公文流转)."""

__version__ = "0.1.0"

"""Server-rendered pages for staff (Django templates)."""

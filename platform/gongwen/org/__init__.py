"""The organisation: people, departments, positions, roles, clearance and delegation."""

"""Built-in format rule types, one module per concern; importing a module registers its types."""

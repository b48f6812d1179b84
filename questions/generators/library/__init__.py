"""The built-in template library, one module (or package) per area."""

"""Which release to take for which wanted movie, and why the others were turned down."""

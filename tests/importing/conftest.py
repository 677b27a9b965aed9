from .homes import home  # noqa: F401  (the fixture)

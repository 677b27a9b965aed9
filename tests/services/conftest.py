from tests.cli.conftest import cli_home  # noqa: F401  (the same home: a config file and a library path)

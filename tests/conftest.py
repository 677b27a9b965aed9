pytest_plugins = ["radarr_sandbox.pytest_fixtures"]

"""Services: one function per workflow (sync, search, score, grab, track, import, scan, add a movie...).

Only services open the library store and compose I/O, each as gather facts -> pure decision -> apply. The front
doors (Dagster assets, the CLI, the HTTP API) and the tests call these same functions.
"""

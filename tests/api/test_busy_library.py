"""DuckDB lets one process write: while another process holds the library open for writing, `serve` answers
503 with Retry-After after its bounded wait (while the other process still holds it: no hang, never a 500),
changes nothing, and answers normally once the file is free."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.api.conftest import ApiServer

pytestmark = pytest.mark.integration

HOLD = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
conn.execute("BEGIN")
conn.execute("CREATE TABLE IF NOT EXISTS held_by_another_process (x INTEGER)")
print("held", flush=True)
sys.stdin.readline()  # until the test lets go
conn.execute("ROLLBACK")
conn.close()
"""


def test_a_library_held_by_another_process_is_a_503_with_retry_after(api_server: ApiServer) -> None:
    assert api_server.request("POST", "/api/v3/tag", json={"label": "before"}).status_code == 201
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(api_server.database)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        paths = ["/api/v3/movie", "/api/v3/tag", "/api/v3/queue", "/api/v3/calendar", "/api/v3/movie/1"]
        with ThreadPoolExecutor(len(paths) + 1) as pool:  # at once: the requests queue for the library in turn
            reads = list(pool.map(api_server.get, paths))
            write = pool.submit(api_server.request, "POST", "/api/v3/tag", json={"label": "during"}).result()
        assert holder.poll() is None  # every answer came while the other process still held the file
        for answer in [*reads, write]:
            assert answer.status_code == 503, answer.text
            assert answer.headers["retry-after"] == "5"
            assert answer.headers["content-type"].startswith("application/json")
            body = answer.json()
            assert set(body) == {"message", "description"} and "busy" in body["message"]
    finally:
        if holder.stdin is not None:
            holder.stdin.close()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    assert [t["label"] for t in api_server.get("/api/v3/tag").json()] == ["before"]  # nothing half-done
    assert api_server.get("/api/v3/movie").status_code == 200
    assert api_server.request("POST", "/api/v3/tag", json={"label": "after"}).status_code == 201

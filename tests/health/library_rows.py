"""Representative rows for every table of the library, as they would be written at the time (a table's columns
that do not exist yet at a schema version are left out). A migration that adds a table adds rows here: the
upgrade test refuses a table without any."""

from datetime import UTC, date, datetime

AT = datetime(2026, 11, 1, 20, 30, tzinfo=UTC)

ROWS: dict[str, list[dict[str, object]]] = {
    "movies": [
        {"id": 1, "tmdb_id": 603, "imdb_id": "tt0133093", "title": "The Matrix", "original_title": "The Matrix",
         "year": 1999, "runtime_minutes": 136, "minimum_availability": "released", "added_at": AT,
         "in_cinemas": date(1999, 3, 31), "digital_release": None, "physical_release": date(1999, 9, 21),
         "secondary_year": None, "original_language": "english"},
        {"id": 2, "tmdb_id": None, "imdb_id": None, "title": "Amélie | “quotes” \\ back", "original_title": None,
         "year": 2001, "runtime_minutes": None, "minimum_availability": "announced", "added_at": AT},
    ],
    "variants": [
        {"id": 1, "movie_id": 1, "quality_profile": "HD-1080p", "root_folder": "/movies", "monitored": True,
         "added_at": AT},
        {"id": 2, "movie_id": 1, "quality_profile": "UHD", "root_folder": "/movies-4k", "monitored": False,
         "added_at": AT},
    ],
    "wanted": [{"variant_id": 1, "reason": "missing", "computed_at": AT}],
    "releases": [{
        "id": 1, "guid": "guid-1", "infohash": "a" * 40, "indexer": "Torznab", "title": "The.Matrix.1999.1080p.BluRay",
        "size": 8_000_000_000, "seeders": 10, "peers": 12, "download_url": "http://127.0.0.1/d?apikey=(redacted)",
        "magnet_url": None, "info_url": "http://127.0.0.1/i", "imdb_id": "tt0133093", "tmdb_id": 603,
        "categories": [2000, 2040], "indexer_flags": ["G_Freeleech"], "download_volume_factor": 0.0,
        "upload_volume_factor": 1.0, "published_at": AT, "first_seen_at": AT, "protocol": "torrent",
        "comments_url": None, "languages": ["english"],
    }],
    "candidates": [  # the shape before 0030 (dropped there: derived data), and after
        {"release_id": 1, "variant_id": 1, "quality": "Bluray-1080p", "quality_rank": 3, "revision": 1,
         "format_score": 0, "approved": True, "rejections": [], "evaluated_at": AT, "movie_id": 1,
         "matched_by": "imdb", "real": 0, "formats": ["x264"], "status": "approved", "rank": 1, "rejected_by": []},
    ],
    "candidate_digests": [{"variant_id": 1, "digest": -6_917_529_027_641_081_857}],  # a digest may be negative
    "downloads": [{
        "id": 1, "variant_id": 1, "release_id": 1, "client": "qBittorrent", "download_id": "a" * 40,
        "title": "The.Matrix.1999.1080p.BluRay", "quality": "Bluray-1080p", "state": "imported", "status_message": None,
        "progress": 1.0, "size": 8_000_000_000, "content_path": "/downloads/The.Matrix.1999.1080p.BluRay",
        "grabbed_at": AT, "completed_at": AT, "imported_at": AT, "updated_at": AT, "client_state": "stalledUP",
        "eta_seconds": None, "stalled_since": None, "failed_at": None,
    }],
    "movie_files": [{
        "id": 1, "variant_id": 1, "path": "/movies/The Matrix (1999)/The Matrix (1999) Bluray-1080p.mkv",
        "size": 8_000_000_000, "quality": "Bluray-1080p", "revision": 1, "release_group": "GRP", "edition": None,
        "scene_name": "The.Matrix.1999.1080p.BluRay", "download_id": "a" * 40, "import_mode": "hardlink",
        "added_at": AT, "media_info": '{"video_codec": "x264"}', "runtime_seconds": 8160.5, "source_path": None,
    }],
    "history": [{"id": 1, "occurred_at": AT, "event": "imported", "movie_id": 1, "variant_id": 1,
                 "source_title": "The.Matrix.1999.1080p.BluRay", "download_id": "a" * 40, "quality": "Bluray-1080p",
                 "data": '{"mode": "hardlink"}'}],
    "parsed_releases": [{"title": "The.Matrix.1999.1080p.BluRay", "parser_version": "1", "parsed": '{"year": 1999}',
                         "parsed_at": datetime(2026, 11, 1, 20, 30)},
                        {"title": "abcdef0123", "parser_version": "1", "parsed": None,
                         "parsed_at": datetime(2026, 11, 1, 20, 31)}],
    "indexer_status": [{"indexer": "Torznab", "escalation_level": 2, "consecutive_failures": 2, "disabled_until": AT,
                        "last_error": "HTTP 500", "last_error_kind": "http", "last_failure_at": AT,
                        "last_success_at": None, "last_request_at": AT, "last_fetched": None, "last_new": None,
                        "updated_at": AT}],
    "movie_searches": [{"movie_id": 1, "indexer": "Torznab", "last_searched_at": AT, "searches": 3,
                        "last_found": 7}],
    "release_details": [{"guid": "guid-1", "indexer": "HDBits", "category": "Movie", "codec": "H.264",
                         "medium": "Blu-ray", "origin": None, "recorded_at": AT}],
    "group_outcomes": [{"id": 1, "group_key": "grp", "release_group": "GRP", "outcome": "imported",
                        "occurred_at": AT, "evidence_id": "a" * 40}],
    "blocklist": [{"id": 1, "movie_id": 1, "source_title": "The.Matrix.1999.CAM", "indexer": "Torznab",
                   "infohash": "b" * 40, "quality": "CAM", "size": 700_000_000, "reason": "download failed",
                   "blocklisted_at": AT}],
    "movie_alternative_titles": [{"movie_id": 1, "title": "Matrix"}],
    "import_journal": [{"id": 1, "download_id": "a" * 40, "download_pk": 1, "variant_id": 1, "source": "/downloads/x",
                        "partial_path": "/movies/.x.partial", "final_path": "/movies/x.mkv", "mode": "hardlink",
                        "expected_size": 10, "source_inode": 42, "replaced_path": None, "replaced_inode": None,
                        "recycle_path": None, "step": "planned", "started_at": AT, "record": '{"k": 1}'}],
    "mediainfo_cache": [{"path": "/movies/x.mkv", "size": 10, "mtime_ns": 1_700_000_000_000_000_000,
                         "data": '{"width": 1920}', "read_at": AT}],
    "recycle_bin": [{"id": 1, "original_path": "/movies/old.mkv", "recycled_path": "/movies/.recycle/old.mkv",
                     "variant_id": 1, "recycled_at": AT}],
    "extra_files": [{"id": 1, "variant_id": 1, "path": "/movies/x.en.srt", "kind": "subtitle", "language": "en",
                     "added_at": AT}],
    "library_folders": [{"path": "/movies/The Matrix (1999)", "mtime_ns": 1, "movie_id": 1, "status": "recorded",
                         "scanned_at": AT}],
    "pending_grabs": [{"client": "qBittorrent", "infohash": "c" * 40, "intent": '{"variant_id": 1}',
                       "created_at": AT}],
    "health_issues": [{"id": 1, "check_name": "store_lock", "level": "error", "message": "locked", "appeared_at": AT,
                       "last_seen_at": AT, "cleared_at": AT},
                      {"id": 2, "check_name": "free_space", "level": "warning", "message": "low", "appeared_at": AT,
                       "last_seen_at": AT, "cleared_at": None}],
    "notification_events": [{"id": 1, "event_id": "0f6c3f8e-5f0b-4a57-9d1c-3b3c1c0a9d10", "kind": "grab",
                             "movie_id": 1, "movie_tags": ["hd"], "facts": '{"eventType": "Grab"}', "created_at": AT,
                             "routed_at": AT}],
    "notification_deliveries": [{"id": 1, "event_pk": 1, "connection": "hooks", "state": "dead", "attempts": 8,
                                 "next_attempt_at": AT, "claimed_until": None, "last_error": "HTTP 500",
                                 "delivered_at": None}],
    "movie_translations": [{"movie_id": 1, "language": "fr", "title": "Matrix"}],
    "metadata_cache": [{"request": "movie/603?language=en-US", "body": '{"id": 603}', "fetched_at": AT}],
    "tags": [{"id": 1, "label": "1 - admin"}, {"id": 2, "label": "kids"}],
    "movie_tags": [{"movie_id": 1, "tag_id": 1}, {"movie_id": 2, "tag_id": 2}],
    "file_moves": [{"id": 1, "operation": "4f1c2b7e-0000-4000-8000-000000000001", "source": "/movies/The Matrix (1999)",
                    "destination": "/movies-4k/The Matrix (1999)", "expected_size": 10, "started_at": AT,
                    "record": '{"movie_id": 1}'}],
    "import_list_exclusions": [{"tmdb_id": 604, "imdb_id": "tt0234215", "title": "The Matrix Reloaded", "year": 2003,
                                "added_at": AT}],
    "import_list_movies": [{"list_name": "popular", "tmdb_id": 603, "imdb_id": "tt0133093", "title": "The Matrix",
                            "year": 1999, "synced_at": AT}],
    "import_list_status": [{"list_name": "popular", "last_attempt_at": AT, "last_success_at": None,
                            "last_error": "HTTP 500"}],
    "collections": [{"tmdb_id": 2344, "title": "The Matrix Collection", "monitored": True, "quality_profile": None,
                     "root_folder": "/movies", "minimum_availability": "released", "added_at": AT, "synced_at": AT}],
    "search_requests": [{"movie_id": 1, "requested_at": AT}],
    "api_commands": [{"id": 1, "name": "MoviesSearch", "job_name": "search_job", "run_id": "0d2f6c1a", "movie_ids": [1],
                      "queued_at": AT}],
}

#: Tables a migration drops on purpose (derived data, recomputed on the next run): version -> tables.
DROPPED_BY = {30: {"candidates"}, 180: {"parsed_releases"}}  # 180: the parse cache moved to its own file


def tables(conn) -> list[str]:
    return [row[0] for row in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
        " AND table_name <> 'schema_migrations' ORDER BY table_name").fetchall()]


def columns(conn, table: str) -> list[str]:
    return [row[0] for row in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?"
        " ORDER BY ordinal_position", [table]).fetchall()]


def insert_representative_rows(conn) -> None:
    """Insert each table's rows, with the columns it has now."""
    missing = [table for table in tables(conn) if table not in ROWS]
    assert not missing, f"add representative rows for {missing} to tests/health/library_rows.py"
    for table in tables(conn):
        present = set(columns(conn, table))
        for row in ROWS[table]:
            values = {k: v for k, v in row.items() if k in present}
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))

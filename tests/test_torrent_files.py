import base64
from pathlib import Path

import pytest
import torf

from radarr_pipeline.download_clients.torrent_files import (
    TorrentFetchError,
    infohash_from_magnet,
    infohash_from_torrent,
    redact_url,
)


def test_magnet_hex_and_base32() -> None:
    hexhash = "0123456789abcdef0123456789abcdef01234567"
    assert infohash_from_magnet(f"magnet:?xt=urn:btih:{hexhash.upper()}&dn=x") == hexhash
    b32 = base64.b32encode(bytes.fromhex(hexhash)).decode()
    assert infohash_from_magnet(f"magnet:?dn=x&xt=urn:btih:{b32}") == hexhash
    with pytest.raises(TorrentFetchError, match="no BitTorrent infohash"):
        infohash_from_magnet("magnet:?dn=nothing")


def test_torrent_infohash_matches_torf(tmp_path: Path) -> None:
    content = tmp_path / "f.bin"
    content.write_bytes(b"a" * 70000)
    torrent = torf.Torrent(path=content)
    torrent.generate()
    assert infohash_from_torrent(torrent.dump()) == torrent.infohash
    with pytest.raises(TorrentFetchError, match=r"not a valid \.torrent"):
        infohash_from_torrent(b"<html>login</html>")


def test_secrets_are_redacted() -> None:
    shown = redact_url("https://tracker.example/dl/5?passkey=abc123&id=5&apikey=k")
    assert "abc123" not in shown and "=k" not in shown and "id=5" in shown


def test_jackett_and_tracker_keys_are_redacted() -> None:
    for url in ("http://127.0.0.1:9117/dl/yts/?jackett_apikey=SECRET123&path=abc",
                "https://tracker.example/rss/download?id=1&torrent_pass=SECRET123",
                "https://tracker.example/download.php?id=1&authkey=SECRET123"):
        assert "SECRET123" not in redact_url(url)
    assert "SECRET123" not in redact_url("https://tracker.example/rss/SECRET123/dl/5", ["SECRET123"])

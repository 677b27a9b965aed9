"""`queue fail`: the store work is committed first, then the client is asked with the store closed."""

from __future__ import annotations

from radarr_pipeline.models import DownloadState
from radarr_pipeline.store import LibraryStore
from tests.cli.conftest import CliHome
from tests.cli.test_hostile_text import track


def test_failing_a_download_blocklists_it_even_when_the_client_cannot_be_reached(cli_home: CliHome) -> None:
    track(cli_home, "Pay.Attention.2001.1080p.BluRay.x264-DEMO[/eztv]")
    result = cli_home.run("queue", "fail", "abab" * 2)
    assert result.exit_code == 1  # the client (nothing listens on 127.0.0.1:9) was not asked successfully
    assert "Marked failed and blocklisted: Pay.Attention.2001.1080p.BluRay.x264-DEMO[/eztv]" in result.stdout
    assert result.stderr.startswith("warning: not removed from the download client")
    assert "The queue is empty." in cli_home.run("queue").stdout
    with LibraryStore(cli_home.database).open(read_only=True) as library:
        assert [e.source_title for e in library.blocklist.entries()] == [
            "Pay.Attention.2001.1080p.BluRay.x264-DEMO[/eztv]"]
        assert library.downloads.get(1).state is DownloadState.FAILED


def test_failing_a_download_without_removal_does_not_ask_the_client(cli_home: CliHome) -> None:
    text = cli_home.config_path.read_text(encoding="utf-8")
    cli_home.config_path.write_text(text + "download_handling:\n  remove_failed_downloads: false\n", encoding="utf-8")
    track(cli_home, "Pay.Attention.2001.1080p.BluRay.x264-GRP")
    result = cli_home.run("queue", "fail", "1")
    assert result.exit_code == 0, result.output
    assert "Marked failed" in result.stdout and result.stderr == ""
    again = cli_home.run("queue", "fail", "1")
    assert again.exit_code == 1 and "error:" in again.stderr

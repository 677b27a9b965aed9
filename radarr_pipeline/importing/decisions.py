"""Import decisions: each a named pure function of facts gathered beforehand.

A rule returns None when it has nothing against the import, else an :class:`ImportRejection` whose message is
exactly what the user reads in the Dagster UI and in history. A *temporary* rejection (an unpack still
running, not enough free space) leaves the download waiting to be tried again; the others block it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from radarr_pipeline.parsing import clean_movie_title
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.quality.qualities import QualityModel
from radarr_pipeline.quality.upgrades import rejection_message, upgrade_rejection


@dataclass(frozen=True)
class ImportRejection:
    rule: str
    message: str
    temporary: bool = False

    def __str__(self) -> str:
        return self.message


def _minutes(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def content_reported(content_path: str | None) -> ImportRejection | None:
    if content_path:
        return None
    return ImportRejection("content_reported", "the download client did not say where the files are")


def content_present(content_path: Path, exists: bool) -> ImportRejection | None:
    if exists:
        return None
    return ImportRejection("content_present", f"the downloaded files are not at {content_path}")


def content_readable(content_path: Path, error: str | None) -> ImportRejection | None:
    if error is None:
        return None
    return ImportRejection("content_readable", f"the downloaded files at {content_path} cannot be read ({error})")


def unpack_finished(unpacking: list[str]) -> ImportRejection | None:
    """Radarr waits while an unpacker's _UNPACK_ folder or a client's part file is still there."""
    if not unpacking:
        return None
    shown = ", ".join(unpacking[:3]) + (" ..." if len(unpacking) > 3 else "")
    return ImportRejection("unpack_finished", f"unpack still running ({shown}); waiting", temporary=True)


def has_video(video_count: int, content_path: Path) -> ImportRejection | None:
    if video_count:
        return None
    return ImportRejection("has_video", f"no video file found in {content_path} (samples are left out)")


def not_sample(
    file_name: str,
    sample_by_name: bool,
    runtime_seconds: float,
    size_bytes: int,
    movie_runtime_minutes: int | None,
    *,
    sample_runtime_seconds: int,
    sample_size_mb: int,
) -> ImportRejection | None:
    """Not a sample: by name ('sample' as a word), else by runtime (or size when MediaInfo gives no runtime)
    against the movie's runtime. Without a known movie runtime only the name can tell (a short film is not a
    sample)."""
    if sample_by_name:
        return ImportRejection("not_sample", f"Sample: {file_name} is named as a sample")
    if not movie_runtime_minutes:
        return None
    threshold = min(float(sample_runtime_seconds), movie_runtime_minutes * 60 / 2)
    if runtime_seconds > 0:
        if runtime_seconds < threshold:
            return ImportRejection(
                "not_sample",
                f"Sample: {file_name} runs {_minutes(runtime_seconds)}, under {_minutes(threshold)} for a "
                f"{movie_runtime_minutes}-minute movie",
            )
        return None
    if sample_size_mb and size_bytes < sample_size_mb * 1024 * 1024:
        return ImportRejection(
            "not_sample", f"Sample: {file_name} is {size_bytes / 1048576:.1f} MB, under {sample_size_mb} MB "
            "(MediaInfo gave no runtime)",
        )
    return None


def matches_grabbed_movie(
    parsed_title: str | None, parsed_year: int | None, movie_title: str, movie_year: int,
    alternative_titles: tuple[str, ...] = (),
) -> ImportRejection | None:
    """The file's name, when it names a movie at all, names the movie that was grabbed (year within one)."""
    if not parsed_title:
        return None
    wanted = {clean_movie_title(t) for t in (movie_title, *alternative_titles) if t}
    title_ok = clean_movie_title(parsed_title) in wanted
    year_ok = parsed_year is None or abs(parsed_year - movie_year) <= 1
    if title_ok and year_ok:
        return None
    named = f"{parsed_title} ({parsed_year})" if parsed_year else parsed_title
    return ImportRejection(
        "matches_grabbed_movie", f"the file is {named}, not the grabbed movie {movie_title} ({movie_year})"
    )


def enough_free_space(free_bytes: int, needed_bytes: int, minimum_free_mb: int, root: Path) -> ImportRejection | None:
    """After the import at least ``minimum_free_mb`` stays free (a hardlink needs no space for the data)."""
    left = free_bytes - needed_bytes
    if left >= minimum_free_mb * 1024 * 1024:
        return None
    return ImportRejection(
        "enough_free_space",
        f"not enough free space in {root}: {free_bytes / 1048576:.0f} MB free, {needed_bytes / 1048576:.0f} MB "
        f"needed and {minimum_free_mb} MB must stay free",
        temporary=True,
    )


def upgrade_over_existing(
    profile: QualityProfile,
    existing: QualityModel | None,
    new: QualityModel,
    existing_path: str | None = None,
    existing_score: int = 0,
    new_score: int = 0,
) -> ImportRejection | None:
    """With a file on disk, the new one must be an upgrade under the profile (Radarr's UpgradableSpecification):
    quality, then revision, then custom-format score, scored as scored_candidates scores them."""
    if existing is None:
        return None
    reason = upgrade_rejection(profile, existing, existing_score, new, new_score)
    if reason is None:
        return None
    where = f" ({existing_path})" if existing_path else ""
    message = rejection_message(reason, profile, existing, existing_score, new_score)
    return ImportRejection("upgrade_over_existing", f"Not an upgrade for existing movie file{where}: {message}")


def not_already_imported(download_id: str | None, recorded_path: str | None) -> ImportRejection | None:
    if recorded_path is None:
        return None
    return ImportRejection("not_already_imported", f"already imported as {recorded_path} (download {download_id})")


def root_folder_available(root: Path, exists: bool, empty_but_holds_files: bool) -> ImportRejection | None:
    """A missing root folder (a network share that is not mounted) is never created by an import; nor is a
    root folder used that is empty while the library records files in it (Radarr's root folder check)."""
    if not exists:
        return ImportRejection("root_folder_available",
                               f"root folder {root} does not exist (is its disk or network share mounted?)",
                               temporary=True)
    if empty_but_holds_files:
        return ImportRejection("root_folder_available",
                               f"root folder {root} is empty but the library has files in it (is its disk or "
                               "network share mounted?)", temporary=True)
    return None


def stays_in_root(inside_root: bool, root: Path) -> ImportRejection | None:
    if inside_root:
        return None
    return ImportRejection("stays_in_root", f"the name built for this file would leave the root folder {root}")


def destination_free(destination: Path, occupied_by_unknown_file: bool) -> ImportRejection | None:
    """A file the library does not know about is never overwritten."""
    if not occupied_by_unknown_file:
        return None
    return ImportRejection(
        "destination_free", f"{destination} already exists and is not a file of this movie; not overwriting it"
    )


def destination_not_claimed(destination: Path, claimed: bool) -> ImportRejection | None:
    """Two versions of a movie in one root folder must not be filed under the same name."""
    if not claimed:
        return None
    return ImportRejection(
        "destination_not_claimed",
        f"another version of this movie is being filed as {destination.name} in this run; give the versions "
        "names that tell them apart (e.g. {Quality Full} or {Edition Tags} in the file format)",
    )


def not_claimed_in_this_run(claimed: bool, title: str) -> ImportRejection | None:
    if not claimed:
        return None
    return ImportRejection(
        "not_claimed_in_this_run", f"another download of {title} is being imported in this run; waiting",
        temporary=True,
    )

"""Radarr's indexer flags (``IndexerFlags``): names, bits, and how trackers announce them."""

from __future__ import annotations

#: Radarr's indexer flags (name -> bit), as TRaSH custom formats' IndexerFlagSpecification values use them.
INDEXER_FLAGS: dict[str, int] = {
    "G_Freeleech": 1,
    "G_Halfleech": 2,
    "G_DoubleUpload": 4,
    "PTP_Golden": 8,
    "PTP_Approved": 16,
    "G_Internal": 32,
    "AHD_Internal": 64,
    "G_Scene": 128,
    "G_Freeleech75": 256,
    "G_Freeleech25": 512,
    "AHD_UserRelease": 1024,
    "Nuked": 2048,
}


def flags_from_volume_factors(download: float | None, upload: float | None) -> tuple[str, ...]:
    """Radarr's rule: download factor 0 is freeleech, 0.5 halfleech, 0.25/0.75 partial; upload 2 is double."""
    flags: list[str] = []
    if download is not None:
        if download == 0:
            flags.append("G_Freeleech")
        elif download == 0.5:
            flags.append("G_Halfleech")
        elif download == 0.25:
            flags.append("G_Freeleech75")
        elif download == 0.75:
            flags.append("G_Freeleech25")
    if upload is not None and upload == 2:
        flags.append("G_DoubleUpload")
    return tuple(flags)


def flags_mask(flags: tuple[str, ...]) -> int:
    """The Radarr bit mask of flag names (unknown names are ignored)."""
    mask = 0
    for name in flags:
        mask |= INDEXER_FLAGS.get(name, 0)
    return mask

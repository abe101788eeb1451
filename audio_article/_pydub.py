"""Import pydub quietly: it warns at import when no system ffmpeg is on PATH. We hand it the
ffmpeg binary from imageio-ffmpeg instead (used only if pydub has to decode or export files)."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Couldn't find ffmpeg", category=RuntimeWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence


def _use_bundled_ffmpeg() -> None:
    try:
        import imageio_ffmpeg

        AudioSegment.converter = imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        pass


_use_bundled_ffmpeg()

__all__ = ["AudioSegment", "detect_leading_silence"]

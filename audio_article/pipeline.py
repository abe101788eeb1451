"""convert_file(): the whole chain for one article, stage by stage, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .config import Options, VoiceProfile, voice_for
from .models import Article, Episode, Segment


def prepare_script(
    path: Path | str, options: Options | None = None
) -> tuple[Article, tuple[Segment, ...]]:
    """read -> extract -> segment -> normalize: everything up to the audio (text only)."""
    from .extract import extract
    from .language import article_language
    from .lexicon import Lexicon
    from .normalize import normalize_segments
    from .read import read_source
    from .segment import segment_article

    options = options or Options()
    article = extract(read_source(path))
    voice = voice_for(article_language(article), options.voice)
    language = voice.language
    segments = segment_article(article, voice.pauses, max_chars=_max_chars(voice))
    lexicon = Lexicon.for_language(language, voice.lexicons)
    return article, normalize_segments(segments, language=language, lexicon=lexicon)


def _max_chars(voice: VoiceProfile) -> int:
    from .engines import get_engine

    return get_engine(voice.engine).max_chars


def convert_file(
    path: Path | str,
    options: Options | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Episode:
    """Convert one article file to a tagged MP3 in ``options.output_dir``."""
    from .encode import Mp3Preset, atomic_path, encode_mp3, encoder_version
    from .engines import engine_for
    from .language import article_language
    from .naming import output_path
    from .stitch import Format, plan, prepare, render
    from .synthesize import synthesize
    from .tag import TagInfo, write_tags

    path = Path(path)
    options = options or Options()
    article, segments = prepare_script(path, options)
    voice = voice_for(article_language(article), options.voice)
    engine = engine_for(voice)
    fmt = Format(rate=options.sample_rate, channels=1)
    clips = [
        prepare(clip, fmt)
        for clip in synthesize(
            segments,
            engine,
            voice,
            path=path,
            timeout_s=options.segment_timeout_s,
            progress=progress,
        )
    ]
    headings = {s.section: s.text for s in segments if s.kind in ("title", "heading")}
    timeline = plan(clips, headings)
    target = output_path(article.title, options.output_dir, source=path)
    preset = Mp3Preset(options.bitrate_kbps, options.sample_rate, 2 if options.stereo else 1)
    with atomic_path(target) as tmp:
        encode_mp3(
            render(clips, fmt),
            in_rate=fmt.rate,
            in_channels=1,
            out_path=tmp,
            preset=preset,
            source=path,
        )
        encoder = f"audio-article; {encoder_version()}; {engine.version()}; voice {voice.name}"
        write_tags(tmp, article, timeline, TagInfo(disclosure=options.disclosure, encoder=encoder))
    return Episode(
        article=article, timeline=timeline, path=target, size_bytes=target.stat().st_size
    )

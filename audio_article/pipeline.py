"""convert_file(): the whole chain for one article, stage by stage, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .config import Options, VoiceProfile, resolve_voice
from .models import Article, Episode, Segment


def prepare_script(
    path: Path | str, options: Options | None = None
) -> tuple[Article, tuple[Segment, ...]]:
    """read -> extract -> segment -> normalize: everything up to the audio (text only)."""
    from .extract import extract
    from .lexicon import Lexicon
    from .normalize import normalize_segments
    from .read import read_source
    from .segment import segment_article

    options = options or Options()
    voice = resolve_voice(options.voice)
    article = extract(read_source(path))
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
    *,
    target: Path | None = None,
) -> Episode:
    """Convert one article file to a tagged MP3 in ``options.output_dir`` (or at ``target``).

    An output that is up to date (same input bytes, options, voice, engine version) is returned
    as it is, in milliseconds, unless ``options.force``.
    """
    from .cache import engine_version, open_cache
    from .encode import Mp3Preset, atomic_path, encode_mp3, encoder_version
    from .engines import get_engine
    from .manifest import check
    from .stitch import Format, plan, prepare, render
    from .synthesize import Spool, synthesize
    from .tag import TagInfo, write_tags

    path = Path(path)
    options = options or Options()
    voice = resolve_voice(options.voice)
    job = check(path, options, voice)
    if job.fresh and not options.force:
        return job.episode()
    engine = get_engine(voice.engine)
    article, segments = prepare_script(path, options)
    fmt = Format(rate=options.sample_rate, channels=1)
    # clips wait on disk, not in memory (flat memory whatever the length); reading them back
    # while encoding reports progress too, so a batch worker is never taken for hung
    done = (lambda: progress(len(segments), len(segments))) if progress else None
    spool = Spool(on_read=done)
    clips = [
        spool.add(prepare(clip, fmt))
        for clip in synthesize(
            segments,
            engine,
            voice,
            path=path,
            timeout_s=options.segment_timeout_s,
            progress=progress,
            cache=open_cache(options),
        )
    ]
    headings = {s.section: s.text for s in segments if s.kind in ("title", "heading")}
    timeline = plan(clips, headings)
    target = target or job.target(article.title)
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
    episode = Episode(
        article=article, timeline=timeline, path=target, size_bytes=target.stat().st_size
    )
    job.save(episode, engine_version(voice.engine, options.cache_dir, engine=engine))
    return episode

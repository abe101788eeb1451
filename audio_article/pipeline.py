"""convert_file(): the whole chain for one article, stage by stage, and nothing else."""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import math
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Options, VoiceProfile, voice_for
from .errors import EncodeError, WriteError, reason
from .lexicon import Lexicon
from .models import Article, Clip, Episode, Loudness, Segment

if TYPE_CHECKING:
    from .claims import Run
    from .encode import Mp3Preset


@dataclass(frozen=True)
class Script:
    """Everything up to the audio: the article, the voice chosen for it, and what is spoken."""

    article: Article
    voice: VoiceProfile
    lexicon: Lexicon
    segments: tuple[Segment, ...]


def write_script(
    path: Path | str, options: Options | None = None, shared: frozenset[int] = frozenset()
) -> Script:
    """read -> extract -> segment -> normalize -> intro/outro and pacing: the whole script.

    Everything up to the audio, as text: what `audio-article script` prints is what is spoken.
    The voice is chosen here, once (the article's language picks it when none is given).
    ``shared``: the page's lines that its batch-mates show too (``extract``).
    """
    from .credits import credit
    from .extract import extract
    from .language import article_language
    from .normalize import normalize_segments
    from .read import read_source
    from .segment import segment_article
    from .sources import with_origin

    options = options or Options()
    article = credit(
        with_origin(extract(read_source(path), shared), options.source_url, options.source_guid),
        options,
    )
    voice = voice_for(article_language(article), options.voice)
    lexicon = Lexicon.for_language(voice.language, voice.lexicons)
    segments = segment_article(
        article, voice.pauses, max_chars=_max_chars(voice), language=voice.language
    )
    segments = normalize_segments(segments, language=voice.language, lexicon=lexicon)
    segments = finish_script(article, segments, options, voice, lexicon)
    return Script(article=article, voice=voice, lexicon=lexicon, segments=segments)


def prepare_script(
    path: Path | str, options: Options | None = None
) -> tuple[Article, tuple[Segment, ...]]:
    """The article and its spoken segments (``write_script`` without the voice)."""
    script = write_script(path, options)
    return script.article, script.segments


def finish_script(
    article: Article,
    segments: Sequence[Segment],
    options: Options,
    voice: VoiceProfile,
    lexicon: Lexicon | None = None,
) -> tuple[Segment, ...]:
    """Add the intro and outro (if enabled) and give every boundary the profile's pause."""
    from .intro import bookend
    from .stitch import pace

    return pace(bookend(article, segments, options, voice.language, lexicon), voice.pauses)


def _max_chars(voice: VoiceProfile) -> int:
    from .engines import get_engine

    return get_engine(voice.engine).max_chars


UP_TO_DATE = "kept: up to date (same input, options, voice and engine); --force to redo"


def convert_file(
    path: Path | str,
    options: Options | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    target: Path | None = None,
    run: Run | None = None,
    shared: frozenset[int] = frozenset(),
) -> Episode:
    """Convert one article file to a tagged MP3 in ``options.output_dir`` (or at ``target``).

    An output that is up to date (same input bytes, options, voice, engine version) is returned
    as it is, in milliseconds, with ``kept`` set, unless ``options.force``. The article is
    claimed in the output folder while it is made (see ``claims``): if another run is making it,
    this raises ``InProgressElsewhere``; if another run made it since ``run`` started, that
    output is kept. Every ``OSError`` comes out as an ``AudioArticleError`` naming the article
    and the file that could not be written. ``shared``: as in ``write_script`` (a batch's; an
    output is not remade because its batch-mates changed).
    """
    path = Path(path)
    options = options or Options()
    try:
        return _convert_file(path, options, progress, target, run, shared)
    except OSError as exc:  # what no stage named: name the article and the file
        where = exc.filename or f"writing to {options.output_dir}"
        raise WriteError(path, f"{where}: {reason(exc)}") from exc


def _convert_file(
    path: Path,
    options: Options,
    progress: Callable[[int, int], None] | None,
    target: Path | None,
    run: Run | None,
    shared: frozenset[int] = frozenset(),
) -> Episode:
    from .claims import Run, claimed
    from .manifest import check

    run = run or Run()
    job = check(path, options)
    if job.fresh and not options.force:
        return dataclasses.replace(job.episode(), kept=True, note=UP_TO_DATE)
    # text only: a bad input fails before OUT is touched
    script = write_script(path, options, shared)
    with claimed(options.output_dir, path, run) as claim:
        done = claim.done_since(run.started)
        if done is not None or (claim.previous is not None and not options.force):
            job = check(path, options)  # the record another run may have just written
            if job.fresh:
                note = UP_TO_DATE
                if done is not None:
                    note = f"kept: made by another run ({done.describe()}) since this one began"
                return dataclasses.replace(job.episode(), kept=True, note=note)
        target = target or job.target(script.article.title)
        episode = make_episode(
            script.article,
            script.segments,
            source=path,
            options=options,
            progress=progress,
            target=target,
            voice=script.voice,
        )
        job.save(episode, engine=script.voice.engine)
        claim.finish("converted")
    stale = claim.took_over
    if stale is not None:
        note = f"took over from a run that stopped while converting it ({stale.describe()})"
        episode = dataclasses.replace(episode, note=note)
    return episode


def make_episode(
    article: Article,
    segments: Sequence[Segment],
    *,
    source: Path,
    options: Options,
    progress: Callable[[int, int], None] | None = None,
    target: Path | None = None,
    voice: VoiceProfile | None = None,
) -> Episode:
    """From the finished script (``prepare_script``) to the episode: synthesize, stitch, master,
    encode, tag, sidecars. ``voice``: the profile the script was made for (resolved again from
    the article's language if not given).

    The sidecars are written before the MP3 is renamed into place: an MP3 at ``target`` means
    the whole episode is there. With ``options.sidecars`` off, old sidecars of the same name go.
    """
    from .cache import open_cache
    from .encode import Mp3Preset, atomic_path, encode_mp3
    from .engines import engine_for
    from .intro import chapter_titles, load_music, with_music
    from .language import article_language
    from .loudness import LoudnessMeter, db_to_gain, target_lufs
    from .naming import output_path
    from .stitch import Format, Spool, assemble, master, spool_folder
    from .synthesize import synthesize
    from .tag import episode_tag_info, write_tags
    from .transcripts import episode_facts, remove_sidecars, write_sidecars

    voice = voice or voice_for(article_language(article), options.voice)
    engine = engine_for(voice)
    target = target or output_path(article.title, options.output_dir, source=source)
    preset = Mp3Preset(options.bitrate_kbps, options.sample_rate, 2 if options.stereo else 1)
    ahead = _ahead(
        synthesize(
            segments,
            engine,
            voice,
            path=source,
            timeout_s=options.segment_timeout_s,
            cache=open_cache(options),
        ),
        len(segments),
        progress,
    )
    with contextlib.closing(ahead):  # the synthesis thread ends whatever happens
        # Work at the engine's own rate (the first clip's); the encoder resamples to the output
        # rate in its one pass. Cue times are whole frames at this rate, so they stay exact. Intro
        # or outro music keeps the output rate's bandwidth: then the speech is upsampled instead.
        first = next(ahead, None)
        rate = first.audio.rate if first is not None else options.sample_rate
        if options.intro_audio or options.outro_audio:
            rate = max(rate, options.sample_rate)
        fmt = Format(rate=rate)
        clips = itertools.chain([first] if first is not None else [], ahead)
        intro, outro = (
            load_music(p, fmt.rate) if p else None
            for p in (options.intro_audio, options.outro_audio)
        )
        with _spool_errors(target, source), Spool(fmt, spool_folder(target)) as spool:
            measured = LoudnessMeter(fmt.rate, output_channels=preset.channels, true_peak=False)
            assemble(with_music(clips, intro, outro, segments[-1].section), spool, measured)
            timeline = spool.timeline(chapter_titles(article, segments))
            explicit = options.loudness_lufs
            goal = target_lufs(
                voice.loudness_lufs if explicit is None else explicit, preset.channels
            )
            gain_db = goal - measured.integrated() if math.isfinite(measured.integrated()) else 0.0
            with atomic_path(target, source) as tmp:

                def master_and_encode(gain_db: float) -> float:
                    pcm, done = master(spool, db_to_gain(gain_db), options.true_peak_dbtp, measured)
                    encode_mp3(
                        pcm, in_rate=fmt.rate, in_channels=1, out_path=tmp, preset=preset,
                        source=source,
                    )  # fmt: skip
                    return done.true_peak

                loudness = encode_at_loudness(master_and_encode, tmp, gain_db, goal, preset)
                write_tags(
                    tmp,
                    article,
                    timeline,
                    episode_tag_info(article, timeline, options, engine, voice),
                )
                sidecars: tuple[Path, ...] = ()
                if options.sidecars:
                    facts = episode_facts(source, options, engine, voice, loudness, goal)
                    sidecars = write_sidecars(target, article, timeline, facts)
                else:
                    remove_sidecars(target, source)
    return Episode(
        article=article,
        timeline=timeline,
        path=target,
        size_bytes=target.stat().st_size,
        loudness=loudness,
        sidecars=sidecars,
    )


@contextlib.contextmanager
def _spool_errors(target: Path, source: Path) -> Iterator[None]:
    """An ``OSError`` that got past the encoder's ``atomic_path`` came from the spool: the
    temp file of pass 1 (a disk that fills while the clips are spooled)."""
    from .stitch import spool_folder

    try:
        yield
    except OSError as exc:
        folder = spool_folder(target) or Path(tempfile.gettempdir())
        message = f"cannot write a temporary file in {folder}: {reason(exc)}"
        raise WriteError(source, message) from exc


ENCODER_LOSS_DB = 0.45
"""What LAME (at the default 96 kbps mono preset) takes off the integrated loudness, measured
by decoding: eSpeak NG -19.00 -> -19.49 LUFS, Piper joe -19.50 -> -19.93 on the sample. Added
to the first pass's gain so that usually one encode lands on the target."""
LOUDNESS_TOLERANCE_LU = 0.2
"""A decoded file further than this from the target is mastered and encoded again."""
MAX_ENCODES = 3


def encode_at_loudness(
    master_and_encode: Callable[[float], float],
    path: Path,
    gain_db: float,
    goal_lufs: float,
    preset: Mp3Preset,
) -> Loudness:
    """Master and encode at ``gain_db`` (+ the encoder's usual loss), then decode ``path`` and
    measure it; while it misses ``goal_lufs`` by more than the tolerance (the limiter took more,
    the encoder lost another amount), correct the gain by the miss and encode again.
    ``master_and_encode`` returns the linear true peak that went into the encoder.

    The integrated loudness is what the file measures when decoded, as a player hears it. The
    true peak is the limiter's (the ceiling holds there): measuring it again on the decoded file
    (4x oversampled) would cost as much as the encoding; `inspect` does it.
    """
    from .loudness import decoded_loudness, gain_to_db

    gain_db += ENCODER_LOSS_DB
    lufs = peak = math.nan
    for attempt in range(MAX_ENCODES):
        if attempt:
            gain_db += goal_lufs - lufs
        peak = master_and_encode(gain_db)
        try:
            lufs, _ = decoded_loudness(path, preset.sample_rate, preset.channels)
        except ValueError as exc:  # what LAME just wrote does not decode: a bug, say so
            raise EncodeError(None, f"the encoded MP3 does not decode: {exc}") from exc
        if not math.isfinite(lufs) or abs(goal_lufs - lufs) <= LOUDNESS_TOLERANCE_LU:
            break
    return Loudness(lufs, gain_to_db(peak), gain_db)


SYNTHESIS_AHEAD = 8
"""Clips the synthesis thread may be ahead of the stitching (a few MB)."""


def _ahead(
    clips: Iterator[Clip], total: int, progress: Callable[[int, int], None] | None
) -> Iterator[Clip]:
    """``clips`` made by a second thread, a few ahead of the consumer.

    The engine (C code called through ctypes or onnxruntime, which release the GIL) then speaks
    the next sentences while this thread trims, K-weights (scipy, also without the GIL) and
    spools the last one: on two cores pass 1 takes about the time of the synthesis alone. The
    engine is still called from one thread, one segment at a time; its errors are raised here,
    in order; ``progress`` is called here too (terminal output stays on the caller's thread).
    """
    import contextlib
    import queue
    import threading

    pending: queue.Queue[tuple[str, Any]] = queue.Queue(SYNTHESIS_AHEAD)
    stop = threading.Event()

    def produce() -> None:
        try:
            for clip in clips:
                if stop.is_set():
                    return
                pending.put(("clip", clip))
            pending.put(("end", None))
        except BaseException as exc:  # handed to the consumer, raised in its thread
            pending.put(("error", exc))

    worker = threading.Thread(target=produce, name="synthesis-ahead", daemon=True)
    worker.start()
    try:
        for n in itertools.count(1):
            kind, item = pending.get()
            if kind == "end":
                return
            if kind == "error":
                raise item
            if progress:
                progress(n, total)
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            with contextlib.suppress(queue.Empty):
                pending.get(timeout=0.05)
        worker.join()

"""The command line: click only. Flags -> Options, call the library, print, map errors to exits.

Nothing here imports the audio stack at module level, so ``--help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import AudioArticleError

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130


class _Group(click.Group):
    """One handler for every command: ``Error: <path>: <problem>``, exit 1; Ctrl-C exit 130."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except AudioArticleError as exc:
            if _debug(ctx):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_FAILED)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:  # output piped into `head` and closed: not an error
            sys.stderr.close()
            ctx.exit(0)
        except OSError as exc:
            if _debug(ctx):
                raise
            from .errors import reason

            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {where}{reason(exc)}", err=True)
            ctx.exit(EXIT_FAILED)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audio-article")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print only results and errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """Turn news articles into podcast-ready MP3s."""
    ctx.obj = {"debug": debug, "quiet": quiet}


def _input_file(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[Path, ...]:
    return tuple(Path(v) for v in value)


voice_option = click.option(
    "--voice", metavar="NAME|FILE", default=None,
    help="Voice profile name (see `voices`) or path to a profile .toml. Default: default.",
)  # fmt: skip


def _audio_options(f):  # noqa: ANN001, ANN202 - a decorator
    """The audio and tag flags shared by `convert` and `batch`."""
    opts = [
        click.option("--bitrate", type=click.IntRange(32, 320), default=96, show_default=True,
                     help="MP3 bitrate in kbps (CBR)."),
        click.option("--sample-rate", type=click.Choice(["22050", "24000", "32000", "44100", "48000"]),
                     default="44100", show_default=True, help="Output sample rate in Hz."),
        click.option("--stereo", is_flag=True, help="Write stereo instead of mono."),
        click.option("--intro/--no-intro", default=True, show_default=True,
                     help="Say title, author, date first."),
        click.option("--outro/--no-outro", default=True, show_default=True,
                     help="Say the AI disclosure last."),
        click.option("--intro-text", metavar="TEMPLATE",
                     help="Intro template: {title} {author} {publication} {date}."),
        click.option("--outro-text", metavar="TEXT",
                     help="Outro text (default: the AI disclosure)."),
        click.option("--intro-audio", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Music before the intro."),
        click.option("--outro-audio", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Music after the outro."),
        click.option("--loudness", type=click.FloatRange(-40, -5), metavar="LUFS",
                     help="Integrated loudness target [default: -16 stereo, -19 mono]."),
        click.option("--true-peak", type=click.FloatRange(-12, 0), default=-1.0,
                     show_default=True, metavar="DBTP", help="True-peak ceiling."),
        click.option("--cover", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Cover art (JPEG/PNG) [default: generated]."),
        click.option("--id3v24", is_flag=True, help="Write ID3v2.4 instead of v2.3."),
        click.option("--sidecars/--no-sidecars", default=True, show_default=True,
                     help="Write .vtt, .srt, .chapters.json, .json."),
    ]  # fmt: skip
    for opt in reversed(opts):
        f = opt(f)
    return f


def _audio_settings(a: dict) -> dict:
    """The audio flags as ``Options`` fields."""
    return {
        "bitrate_kbps": a["bitrate"], "sample_rate": int(a["sample_rate"]), "stereo": a["stereo"],
        "intro": a["intro"], "outro": a["outro"], "intro_text": a["intro_text"],
        "outro_text": a["outro_text"], "intro_audio": a["intro_audio"],
        "outro_audio": a["outro_audio"], "loudness_lufs": a["loudness"],
        "true_peak_dbtp": float(a["true_peak"]), "cover": a["cover"], "id3v24": a["id3v24"],
        "sidecars": a["sidecars"],
    }  # fmt: skip


def _check_voice(voice: str | None) -> None:
    """For `batch`: an unknown or invalid voice is a usage error (exit 2), not a failed run."""
    from .config import resolve_voice

    try:
        resolve_voice(voice)
    except AudioArticleError as exc:
        raise click.BadParameter(str(exc), param_hint="--voice") from exc


output_dir_option = click.option(
    "-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"), show_default=True, help="Folder for the MP3s.",
)  # fmt: skip


@cli.command()
@click.argument("files", nargs=-1, required=True, callback=_input_file)
@output_dir_option
@voice_option
@click.option("--force", is_flag=True, help="Redo outputs that are already up to date.")
@_audio_options
@click.pass_context
def convert(
    ctx: click.Context, files: tuple[Path, ...], output_dir: Path, voice: str | None,
    force: bool, **audio: object,
) -> None:  # fmt: skip
    """Convert article FILES (.txt, .html, .md) to tagged MP3s; prints each MP3's path."""
    from .claims import Run
    from .config import Options, resolve_voice
    from .errors import InProgressElsewhere
    from .pipeline import convert_file

    resolve_voice(voice)  # an unknown voice is one error (exit 1), not one per file
    options = Options(output_dir=output_dir, voice=voice, force=force, **_audio_settings(audio))
    quiet = ctx.obj["quiet"]
    failed = 0
    run = Run()
    for path in files:
        try:
            episode = convert_file(path, options, run=run)
        except InProgressElsewhere as exc:  # another run is making it: not a failure here
            click.echo(f"{path}: skipped, {exc.message}", err=True)
            continue
        except AudioArticleError as exc:
            if _debug(ctx):
                raise
            click.echo(f"Error: {exc}", err=True)
            failed += 1
            continue
        click.echo(str(episode.path))
        if episode.kept:
            if not quiet:
                click.echo(f"  {episode.note or 'kept'}", err=True)
            continue
        if not quiet:
            minutes, seconds = divmod(episode.timeline.duration_ms / 1000, 60)
            loud = episode.loudness
            level = (
                f", {loud.integrated_lufs:.1f} LUFS, {loud.true_peak_dbtp:.1f} dBTP" if loud else ""
            )
            click.echo(
                f"  {int(minutes)}:{seconds:04.1f}, {episode.size_bytes / 1e6:.1f} MB, "
                f"{len(episode.timeline.cues)} segments, {len(episode.timeline.chapters)} chapters"
                f"{level}",
                err=True,
            )
            if episode.note:
                click.echo(f"  {episode.note}", err=True)
    if failed:
        ctx.exit(EXIT_FAILED)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print title, metadata and paragraphs as JSON."
)
@click.option("--explain", is_flag=True, help="List every removed line and why it was removed.")
def clean(file: Path, as_json: bool, explain: bool) -> None:
    """Print the article as it will be read: title, then paragraphs."""
    from .extract import extract
    from .read import read_source
    from .report import article_json, article_text

    article = extract(read_source(file))
    if as_json:
        click.echo(json.dumps(article_json(article), ensure_ascii=False, indent=2))
    else:
        click.echo(article_text(article))
    if explain:
        out = sys.stdout if not as_json else sys.stderr
        click.echo("\n# Removed (not read aloud):", file=out)
        for r in article.removed:
            click.echo(f"- [{r.reason}] {r.line}", file=out)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@voice_option
@click.option("--explain", is_flag=True, help="Show each substitution made (rule or lexicon).")
def script(file: Path, voice: str | None, explain: bool) -> None:
    """Print every segment as it will be spoken, with its kind and pause."""
    from .config import Options
    from .normalize import explain as explain_text
    from .pipeline import write_script

    script = write_script(file, Options(voice=voice))
    profile, lexicon = script.voice, script.lexicon
    for s in script.segments:
        click.echo(f"{s.index:4d} {s.kind:<8} +{s.pause_after_ms:>4d}ms  {s.spoken}")
        if explain:
            _, subs = explain_text(s.text, language=profile.language, lexicon=lexicon)
            for sub in subs:
                click.echo(f"{'':20}{sub.rule}: {sub.written!r} -> {sub.spoken!r}")


@cli.command()
@click.option("--engine", "engine_name", default=None, help="List this engine's own voices.")
def voices(engine_name: str | None) -> None:
    """List voice profiles and whether each is usable here (and why not)."""
    from .config import find_profiles, load_profile, voice_dirs
    from .engines import get_engine, profile_status

    if engine_name:
        engine_voices = get_engine(engine_name).voices()
        for v in engine_voices:
            langs = ",".join(v.languages) or "-"
            click.echo(f"{v.id:<28} {langs:<14} {v.name}")
        click.echo(f"{len(engine_voices)} {engine_name} voices", err=True)
        return
    for path in find_profiles():
        try:
            profile = load_profile(path)
        except AudioArticleError as exc:
            click.echo(f"{path.stem:<10} invalid: {exc.message}  ({path})")
            continue
        ok, why = profile_status(profile)
        state = "usable" if ok else f"not usable: {why}"
        click.echo(
            f"{profile.name:<10} {profile.engine:<8} {profile.language:<5} {state}  ({path})"
        )
    click.echo("Profiles are read from: " + ", ".join(str(d) for d in voice_dirs()), err=True)


@cli.command()
def doctor() -> None:
    """Check Python, engines, the MP3 encoder and the cache; speak a test line per engine."""
    from .doctor import run_doctor

    report = run_doctor()
    for c in report.checks:
        click.echo(f"{'ok ' if c.ok else 'NO '} {c.what:<24} {c.detail}")
        if not c.ok and c.fix:
            click.echo(f"{'':28} fix: {c.fix}")
    if not report.default_ok:
        click.echo("Error: the default voice does not work (see the fix above)", err=True)
    sys.exit(report.exit_code)


@cli.command("inspect")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--no-loudness", is_flag=True, help="Skip decoding and measuring the audio.")
def inspect_command(file: Path, as_json: bool, no_loudness: bool) -> None:
    """Show an MP3's tags, chapters, duration and measured loudness."""
    from .inspect import inspect_mp3, report_text

    report = inspect_mp3(file, measure=not no_loudness)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(report))


def _feed_options(f):  # noqa: ANN001, ANN202 - a decorator
    """The channel flags shared by `feed` and `batch --feed`."""
    for opt in reversed(
        [
            click.option("--title", help="Podcast title."),
            click.option("--base-url", help="URL where the output folder is served."),
            click.option("--author", help="Podcast author (itunes:author)."),
            click.option("--image", help="Artwork URL (absolute, or relative to --base-url)."),
            click.option("--language", default="en", show_default=True, help="Feed language."),
            click.option("--description", help="Podcast description."),
        ]
    ):
        f = opt(f)
    return f


def _channel(title: str | None, base_url: str | None, **extra: str | None):  # noqa: ANN202
    from .feed import Channel

    if not title or not base_url:
        raise click.UsageError("a feed needs --title and --base-url")
    if "://" not in base_url:
        raise click.BadParameter("must be an absolute URL", param_hint="--base-url")
    return Channel(title=title, base_url=base_url, **{k: v for k, v in extra.items() if v})


@cli.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@output_dir_option
@voice_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=None,
    help="Worker processes.  [default: the CPU count]",
)
@click.option("-r", "--recursive", is_flag=True, help="Include sub-folders (mirrored in OUT).")
@click.option(
    "--glob",
    "pattern",
    metavar="PATTERN",
    help="Only files matching PATTERN (e.g. '*.html'). Default: all supported.",
)
@click.option("--force", is_flag=True, help="Redo outputs that are up to date.")
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a JSON report with one outcome per file.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Clip cache folder.  [default: the user cache dir]",
)
@click.option(
    "--cache-size",
    type=click.IntRange(0),
    default=2048,
    show_default=True,
    metavar="MB",
    help="Bound of the clip cache.",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the clip cache.")
@click.option(
    "--feed",
    "make_feed",
    is_flag=True,
    help="Also write OUT/feed.xml (needs --title and --base-url).",
)
@_feed_options
@_audio_options
@click.pass_context
def batch(
    ctx: click.Context, directory: Path, output_dir: Path, voice: str | None, jobs: int | None,
    recursive: bool, pattern: str | None, force: bool, report: Path | None,
    cache_dir: Path | None, cache_size: int, no_cache: bool, make_feed: bool, title: str | None,
    base_url: str | None, author: str | None, image: str | None, language: str | None,
    description: str | None, **audio: object,
) -> None:  # fmt: skip
    """Convert every article file under DIRECTORY, in parallel; skip what is up to date."""
    from .batch import convert_directory, make_executor, write_report
    from .config import Options

    channel = (
        _channel(title, base_url, author=author, image=image, language=language,
                 description=description)
        if make_feed else None
    )  # fmt: skip
    _check_voice(voice)
    options = Options(
        output_dir=output_dir, voice=voice, force=force, clip_cache=not no_cache,
        cache_dir=cache_dir, cache_max_bytes=cache_size * 1024**2, **_audio_settings(audio),
    )  # fmt: skip
    show = _BatchProgress(quiet=ctx.obj["quiet"])
    try:
        summary = convert_directory(
            directory, options, recursive=recursive, pattern=pattern,
            executor=make_executor(jobs, segment_timeout_s=options.segment_timeout_s),
            on_outcome=show.outcome, on_plan=show.plan,
        )  # fmt: skip
    finally:
        show.close()
    if report:
        write_report(summary, report)
    if channel is not None:
        from .feed import write_feed

        click.echo(f"Feed: {write_feed(output_dir, channel)}", err=True)
    if not ctx.obj["quiet"] or not summary.ok:
        click.echo(summary.line(), err=True)
    if not summary.ok:
        ctx.exit(EXIT_FAILED)


class _BatchProgress:
    """A bar on a terminal (files, audio minutes, ETA); one line per file otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty() and not quiet
        self.bar = None
        self.audio_ms = 0.0

    def plan(self, plan) -> None:  # noqa: ANN001
        if self.tty and plan.jobs:
            self.bar = click.progressbar(
                length=len(plan.jobs) + len(plan.done), label="Converting", show_eta=True,
                show_pos=True, file=sys.stderr,
                item_show_func=lambda _: f"{self.audio_ms / 60_000:.1f} min of audio",
            )  # fmt: skip
            self.bar.__enter__()

    def outcome(self, o) -> None:  # noqa: ANN001
        if o.status == "converted":
            self.audio_ms += o.audio_ms
        if o.status == "failed":
            line = f"failed     {o.input}: [{o.stage}] {o.error}"
        elif self.quiet:
            line = ""
        elif o.status == "elsewhere":
            line = f"elsewhere  {o.input}: {o.note}"
        elif o.status == "skipped" and o.note:
            line = f"skipped    {o.input} -> {o.output} ({o.note})"
        else:
            minutes, seconds = divmod(o.audio_ms / 1000, 60)
            line = f"{o.status:<10} {o.input} -> {o.output} ({int(minutes)}:{seconds:04.1f})"
            if o.note:
                line += f" ({o.note})"
        if self.bar is not None:
            if o.status == "failed":
                click.echo(f"\n{line}", err=True)
            self.bar.update(1, o)
        elif line:
            click.echo(line, err=o.status == "failed")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@cli.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_feed_options
@click.option(
    "--output",
    "feed_name",
    default="feed.xml",
    show_default=True,
    help="Feed file name, inside DIRECTORY.",
)
def feed(directory: Path, feed_name: str, **channel: str | None) -> None:
    """Write a podcast RSS feed for the MP3s in DIRECTORY (an output folder)."""
    from .feed import write_feed

    if "/" in feed_name or feed_name.startswith("."):
        raise click.BadParameter("a plain file name", param_hint="--output")
    click.echo(str(write_feed(directory, _channel(**channel), feed_name)))


def main() -> None:
    cli(prog_name="audio-article")


if __name__ == "__main__":  # pragma: no cover
    main()

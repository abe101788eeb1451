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
"""A conversion (or another command's work) failed."""
EXIT_USAGE = 2
"""Bad usage, click's own code: an unknown option, a missing input file or folder."""
EXIT_INTERRUPTED = 130


class MissingInput(click.ClickException):
    """An input path that does not exist (or is the wrong kind): ``Error: <path>: <problem>``."""

    exit_code = EXIT_USAGE

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")


def _input_problem(path: Path, want_dir: bool = False) -> str | None:
    """Why ``path`` cannot be an input (None if it can)."""
    if not path.exists():
        return "no such folder" if want_dir else "no such file"
    if want_dir and not path.is_dir():
        return "is a file, not a folder (use `convert` for files)"
    if not want_dir and path.is_dir():
        return "is a directory, not an article file (use `batch` for folders)"
    return None


def _existing_file(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    if value is None:
        return None
    path = Path(value)
    problem = _input_problem(path)
    if problem:
        raise MissingInput(path, problem)
    return path


def _existing_dir(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    if value is None:  # `batch --from-feed` has no folder
        return None
    path = Path(value)
    problem = _input_problem(path, want_dir=True)
    if problem:
        raise MissingInput(path, problem)
    return path


def _set_global_flag(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``-q``/``--debug`` given after the subcommand: the same as before it."""
    if value:
        root = ctx.find_root()
        root.obj = root.obj or {}
        root.obj[param.name] = True
        if ctx.obj is not root.obj:
            ctx.obj = root.obj


def _global_flags() -> list[click.Option]:
    return [
        click.Option(["--debug"], is_flag=True, expose_value=False, is_eager=True,
                     callback=_set_global_flag, help="Show tracebacks on errors."),
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, is_eager=True,
                     callback=_set_global_flag, help="Print only results and errors."),
    ]  # fmt: skip


class _Group(click.Group):
    """One handler for every command: ``Error: <path>: <problem>``, exit 1; Ctrl-C exit 130.

    Every subcommand also takes the global flags (``convert -q FILE`` = ``-q convert FILE``).
    """

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.extend(_global_flags())
        super().add_command(cmd, name)

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


def _input_files(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[Path | str, ...]:
    """Files as paths; a URL and ``-`` (standard input) stay strings."""
    from .fetch import is_url

    if value.count("-") > 1:
        raise click.BadParameter("standard input (-) can be read once", param_hint="FILES")
    return tuple(v if v == "-" or is_url(v) else Path(v) for v in value)


def _fetch_options(f):  # noqa: ANN001, ANN202 - a decorator
    """How pages and feeds are fetched (`convert URL`, `batch --from-feed`)."""
    opts = [
        click.option("--timeout", "fetch_timeout", type=click.FloatRange(0.1), default=20.0,
                     show_default=True, metavar="SECONDS", help="Limit for each web request."),
        click.option("--max-size", "fetch_max_mb", type=click.FloatRange(0.0001), default=10.0,
                     show_default=True, metavar="MB", help="Largest page or feed fetched."),
        click.option("--max-per-host", "fetch_per_host", type=click.IntRange(1), default=2,
                     show_default=True, metavar="N", help="Requests at once to one web host."),
        click.option("--ignore-robots", is_flag=True, help="Fetch what robots.txt disallows."),
    ]  # fmt: skip
    for opt in reversed(opts):
        f = opt(f)
    return f


def _fetch_settings(a: dict):  # noqa: ANN202
    """The fetch flags as ``FetchOptions``."""
    from .fetch import FetchOptions

    return FetchOptions(
        timeout_s=a["fetch_timeout"], max_bytes=int(a["fetch_max_mb"] * 1024 * 1024),
        per_host=a["fetch_per_host"], robots=not a["ignore_robots"],
    )  # fmt: skip


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


page_option = click.option(
    "--page", is_flag=True,
    help="Also write an HTML page per episode (<slug>.html) and OUT/index.html.",
)  # fmt: skip


def _check_page(page: bool, audio: dict) -> None:
    if page and not audio.get("sidecars", True):
        raise click.UsageError("--page reads the sidecars: it cannot go with --no-sidecars")


def _write_pages(out_dir: Path, mp3s: list[Path] | None, quiet: bool) -> None:
    """Pages for ``mp3s`` (None: every episode in ``out_dir``) and the index; skips reported."""
    from .page import write_pages

    result = write_pages(out_dir, mp3s)
    for mp3, why in result.skipped:
        click.echo(f"Warning: {mp3}: no page: {why}", err=True)
    if not quiet:
        click.echo(f"Pages: {len(result.written)} written, index {result.index}", err=True)


output_dir_option = click.option(
    "-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"), show_default=True, help="Folder for the MP3s.",
)  # fmt: skip


@cli.command()
@click.argument("files", nargs=-1, required=True, callback=_input_files)
@output_dir_option
@voice_option
@click.option("--force", is_flag=True, help="Redo outputs that are already up to date.")
@click.option("--format", "stdin_format", type=click.Choice(["text", "html", "md"]),
              help="What standard input (-) holds.  [default: guessed]")  # fmt: skip
@click.option("--author", help="Author (ID3 artist, feed) instead of the page's byline.")
@click.option("--publication", help="Publication (ID3 album, feed) instead of the page's.")
@page_option
@_fetch_options
@_audio_options
@click.pass_context
def convert(
    ctx: click.Context, files: tuple[Path | str, ...], output_dir: Path, voice: str | None,
    force: bool, stdin_format: str | None, author: str | None, publication: str | None,
    page: bool, **audio: object,
) -> None:  # fmt: skip
    """Convert articles to tagged MP3s; prints each MP3's path.

    FILES are article files (.txt, .html, .md), page URLs (http/https), or - for standard input.
    Exit 0 if every one converted, 2 if an input file is missing (the others are still
    converted), else 1.
    """
    from .claims import Run
    from .config import Options, resolve_voice
    from .errors import InProgressElsewhere
    from .site import local_template, unpack
    from .sources import convert_input

    if stdin_format and "-" not in files:
        raise click.UsageError("--format is for standard input (-)")
    resolve_voice(voice)  # an unknown voice is one error (exit 1), not one per file
    _check_page(page, audio)
    options = Options(
        output_dir=output_dir, voice=voice, force=force, author=author, publication=publication,
        **_audio_settings(audio),
    )  # fmt: skip
    made: list[Path] = []
    quiet = ctx.obj["quiet"]
    failed = missing = 0
    run = Run()
    from .batch import lean_malloc

    lean_malloc()  # this process converts the articles (issue 16)
    # The files of one invocation are a batch: what the others show too is the site's template.
    local = [p for p in files if isinstance(p, Path) and not _input_problem(p)]
    shared = local_template(local) if len(local) > 1 else {}
    for path in files:
        problem = _input_problem(path) if isinstance(path, Path) else None
        if problem and not _debug(ctx):
            click.echo(f"Error: {path}: {problem}", err=True)
            missing += 1
            continue
        try:
            episode = convert_input(
                path,
                options,
                _fetch_settings(audio),
                stdin_format,
                run,
                unpack(shared.get(path, b"")) if isinstance(path, Path) else frozenset(),
            )
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
        made.append(episode.path)
        if episode.kept:
            if not quiet:
                click.echo(f"  {episode.note or 'kept'}", err=True)
            continue
        if not quiet:
            for note in episode.article.metadata.guessed:
                click.echo(f"  guessed: {note}", err=True)
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
    if page and made:
        _write_pages(output_dir, made, quiet)
    if missing:
        ctx.exit(EXIT_USAGE)
    if failed:
        ctx.exit(EXIT_FAILED)


@cli.command()
@click.argument("file", callback=_existing_file)
@click.option(
    "--json", "as_json", is_flag=True, help="Print title, metadata and paragraphs as JSON."
)
@click.option("--explain", is_flag=True, help="List every removed line and why it was removed.")
@click.option(
    "--site",
    "site_dir",
    metavar="FOLDER",
    callback=_existing_dir,
    help="Other pages of the same site: the lines they show too are dropped, as `batch` does.",
)
def clean(file: Path, as_json: bool, explain: bool, site_dir: Path | None) -> None:
    """Print the article as it will be read: title, then paragraphs."""
    from .extract import extract
    from .read import read_source
    from .report import article_json, article_text
    from .site import template_with

    source = read_source(file)
    article = extract(source, template_with(file, site_dir) if site_dir else frozenset())
    if as_json:
        click.echo(json.dumps(article_json(article), ensure_ascii=False, indent=2))
    else:
        click.echo(article_text(article))
    if explain:
        out = sys.stdout if not as_json else sys.stderr
        click.echo(f"\n# Encoding: {source.encoding} ({source.encoding_note})", file=out)
        from .extract.explain import explain as explain_removed
        from .extract.explain import explain_title

        ranked = explain_title(source)
        if ranked:
            click.echo("\n# Title (the title model's likeliest lines):", file=out)
            for line in ranked:
                click.echo(line, file=out)
        click.echo("\n# Removed (not read aloud; body score = the line model's view):", file=out)
        for line in explain_removed(source, article):
            click.echo(line.describe(), file=out)


@cli.command()
@click.argument("file", callback=_existing_file)
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
    """Check Python, engines, the MP3 encoder and decoders and the cache; speak a test line per engine."""
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
@click.argument("file", callback=_existing_file)
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
@click.argument("directory", required=False, callback=_existing_dir)
@output_dir_option
@voice_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=None,
    help="Worker processes.  [default: the CPU count]",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run on a Dask cluster: a scheduler (tcp://host:8786) or local:N worker processes. "
    "Needs the [cluster] extra.",
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
@click.option(
    "--from-feed",
    metavar="URL|FILE",
    help="Convert the new and changed items of an RSS/Atom feed instead of a folder.",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    metavar="N",
    help="With --from-feed: only the N newest items.",
)
@click.option(
    "--publication",
    help="Publication (ID3 album and artist, feed) for files whose page names none.",
)
@page_option
@_fetch_options
@_audio_options
@click.pass_context
def batch(
    ctx: click.Context, directory: Path, output_dir: Path, voice: str | None, jobs: int | None,
    cluster: str | None, recursive: bool, pattern: str | None, force: bool, report: Path | None,
    cache_dir: Path | None, cache_size: int, no_cache: bool, make_feed: bool, title: str | None,
    base_url: str | None, author: str | None, image: str | None, language: str | None,
    description: str | None, from_feed: str | None, limit: int | None, publication: str | None,
    page: bool, **audio: object,
) -> None:  # fmt: skip
    """Convert every article file under DIRECTORY (or each item of --from-feed), in parallel;
    skip what is up to date."""
    from .batch import convert_directory, make_executor, write_report
    from .config import Options

    if (directory is None) == (from_feed is None):
        raise click.UsageError("give a DIRECTORY or --from-feed (one of them)")
    if limit is not None and from_feed is None:
        raise click.UsageError("--limit is for --from-feed")

    channel = (
        _channel(title, base_url, author=author or publication, image=image, language=language,
                 description=description)
        if make_feed else None
    )  # fmt: skip
    _check_voice(voice)
    if cluster and jobs:
        raise click.UsageError("--jobs and --cluster exclude each other (use --cluster local:N)")
    if cluster and not _debug(ctx):  # Dask's log lines repeat what the outcomes and errors say
        import logging

        logging.getLogger("distributed").setLevel(logging.CRITICAL)
    _check_page(page, audio)
    options = Options(
        output_dir=output_dir, voice=voice, force=force, clip_cache=not no_cache,
        cache_dir=cache_dir, cache_max_bytes=cache_size * 1024**2,
        fallback_publication=publication, **_audio_settings(audio),
    )  # fmt: skip
    show = _BatchProgress(quiet=ctx.obj["quiet"])
    executor = make_executor(jobs, segment_timeout_s=options.segment_timeout_s, cluster=cluster)
    try:
        if from_feed is not None:
            from .from_feed import convert_feed

            summary = convert_feed(
                from_feed, options, _fetch_settings(audio), limit=limit, executor=executor,
                on_outcome=show.outcome, on_plan=show.plan,
            )  # fmt: skip
        else:
            summary = convert_directory(
                directory, options, recursive=recursive, pattern=pattern, executor=executor,
                on_outcome=show.outcome, on_plan=show.plan,
            )  # fmt: skip
    finally:
        show.close()
    if report:
        write_report(summary, report)
    if channel is not None:
        from .feed import write_feed

        click.echo(f"Feed: {write_feed(output_dir, channel)}", err=True)
    if page:
        _write_pages(output_dir, None, ctx.obj["quiet"])
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


@cli.command("page")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--title", help="Title of the index page.  [default: Episodes]")
def page_command(directory: Path, title: str | None) -> None:
    """Write an HTML page per episode in DIRECTORY (an output folder) and its index.html."""
    from .page import write_pages

    result = write_pages(directory, title=title)
    for mp3, why in result.skipped:
        click.echo(f"Warning: {mp3}: no page: {why}", err=True)
    for path in result.written:
        click.echo(str(path))
    click.echo(str(result.index))


@cli.command()
@click.argument("directory", callback=_existing_dir)
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

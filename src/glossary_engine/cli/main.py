"""The ``glossary`` command: check, extend, summarise and export glossary.yaml without a site build.

Exit codes: 0 when all went well, 1 when the glossary has problems (or a request was refused), 2 for a
wrong command line. Results go to stdout; problems and refusals go to stderr, one per line, in the
loader's ``file:line:col: ...`` form so editors and CI can jump to them.
"""

from __future__ import annotations

import argparse
import datetime
import fcntl
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import yaml

try:  # The C parser is several times faster; fall back when PyYAML was built without libyaml.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from ..export import formats as exports
from ..load.loader import SLUG_RULE, is_slug, parse_glossary, suggest
from ..load.plaintext import line_problem, printable
from ..load.problems import GlossaryError
from ..load.schema import NAME_MAX
from ..load.source import UnreadableFile, read_file
from ..model.index import GlossaryIndex
from ..model.lint import lint
from ..model.records import Glossary
from ..model.review import staleness
from ..settings import Settings, SettingsError, settings_from
from .init import InitError, init

DEFAULT_FILE = "glossary.yaml"
DEFAULT_BASE_URL = "https://glossary.example.org/"
EXPORT_FORMATS = ("json", "skos", "csv")
LONGEST_PATHS = 5

# An http(s) address usable as the base of IRIs: no spaces, controls or characters IRIs forbid.
_BASE_URL = re.compile(r'https?://[^\x00-\x20<>"{}|^`\\/]+(?:/[^\x00-\x20<>"{}|^`\\]*)?')

Command = Callable[[argparse.Namespace], int]


class _Refusal(Exception):
    """A request the command will not carry out; the message says why (exit 1)."""


class _UsageError(Exception):
    """A wrong command line that argparse itself cannot see (exit 2)."""


def _say(*lines: str) -> None:
    """Problems and refusals, one a line, on stderr; they quote the user's text, so anything that is
    not printable is shown escaped rather than sent to the terminal."""
    for line in lines:
        print(printable(line), file=sys.stderr)


def _read(path: Path) -> str:
    """The file's text exactly as stored: bytes decoded, no newline translation."""
    if not path.exists():
        raise _UsageError(f"no glossary file at {path} (use --file to name it)")
    try:
        return read_file(path).decode("utf-8")
    except UnreadableFile as error:
        raise _Refusal(f"{path}: {error}") from None
    except UnicodeDecodeError as error:
        raw = error.object
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise _Refusal(f"{path}:{line}:{column}: the file is not valid UTF-8 text") from None


def _load(path: Path) -> tuple[str, Glossary]:
    """Read and validate the glossary; its problems become a refusal listing each of them."""
    text = _read(path)
    try:
        return text, parse_glossary(text, str(path))
    except GlossaryError as error:
        raise _Refusal(*_problem_lines(path, error)) from None


def _problem_lines(path: Path, error: GlossaryError) -> list[str]:
    """Each problem on its own line, then how many there are."""
    return [*(str(p) for p in error.problems), f"{path}: {_plural(len(error.problems), 'problem')}"]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _counts(glossary: Glossary) -> str:
    terms, clusters, paths = len(glossary.terms), len(glossary.clusters), len(glossary.paths)
    return f"{_plural(terms, 'term')}, {_plural(clusters, 'cluster')}, {_plural(paths, 'learning path')}"


# -- check -----------------------------------------------------------------------------------------


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its ``extra: glossary:`` settings: MkDocs' own tags (``!ENV``,
    ``!relative``) stand for values only MkDocs can work out, so they read as nothing here."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _site_settings(args: argparse.Namespace) -> Settings:
    """The glossary settings of the site config (``--config``, or mkdocs.yml beside the glossary)."""
    config: Path = args.config or args.file.parent / "mkdocs.yml"
    if not config.is_file():
        if args.config:
            raise _UsageError(f"no site config at {config}")
        return Settings()
    try:
        data = yaml.load(read_file(config).decode("utf-8"), Loader=_TolerantLoader)
    except (UnreadableFile, UnicodeDecodeError, yaml.YAMLError) as error:
        raise _Refusal(f"{config}: cannot read the glossary settings: {printable(str(error))}") from None
    extra = data.get("extra") if isinstance(data, dict) else None
    try:
        return settings_from(extra.get("glossary") if isinstance(extra, dict) else None)
    except SettingsError as error:
        raise _Refusal(*(f"{config}: {problem}" for problem in error.problems)) from None


def _check(args: argparse.Namespace) -> int:
    path: Path = args.file
    _, glossary = _load(path)
    if not args.no_lint:
        findings = lint(GlossaryIndex.build(glossary), _site_settings(args).standard)
        if findings:
            # Lint findings know the line of the field (or term, or path) they are about, not a column.
            _say(*(f"{path}:{f.line}: {f.subject}: {f.message}" for f in findings))
            _say(f"{path}: {_plural(len(findings), 'lint finding')}")
            return 1
    skipped = " (content lint skipped)" if args.no_lint else ""
    print(f"{path}: {_counts(glossary)}; no problems found{skipped}")
    return 0


# -- new -------------------------------------------------------------------------------------------


def slug_for(title: str) -> str:
    """Derive a slug from a title: accents dropped, lower case, every run of other characters a hyphen."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    try:
        if yaml.safe_load(f"key: {text}") == {"key": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _skeleton(slug: str, title: str, cluster: str) -> list[str]:
    """The new entry's lines, relative to the item indent. Placeholders validate but read as TODOs."""
    return [
        f"- slug: {_scalar(slug)}",
        f"  title: {_scalar(title)}",
        "  aliases: []",
        '  short: "TODO: one-sentence definition."',
        "  generality: 0",
        f"  cluster: {cluster}",
        "  explanation: |",
        f"    TODO: explain {title} in 120–300 words, linking related terms.",
        "  related: []",
        "  further_reading: []",
    ]


def _last_leaf(node: yaml.Node) -> yaml.Node:
    """The node written last inside ``node``: block collections end where the next token starts."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _term_nodes(text: str) -> dict[str, yaml.MappingNode]:
    """Each term's mapping node by slug, from a file the loader has already accepted."""
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode):  # pragma: no cover - the loader has accepted the text
        return {}
    terms = next(value for key, value in root.value if key.value == "terms")
    return {
        next(value.value for key, value in item.value if key.value == "slug"): item
        for item in terms.value
        if isinstance(item, yaml.MappingNode)
    }


def _insertion(text: str, item: yaml.MappingNode) -> tuple[int, int]:
    """Where a new entry goes after ``item`` (an offset in ``text``), and the column of its "-" marker.

    The entry starts on the line after the last character of ``item`` (trailing comments on that line
    stay with it); blank lines and comments before the next entry stay where they are.
    """
    end = _last_leaf(item).end_mark.index
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    newline = text.find("\n", end)
    offset = len(text) if newline < 0 else newline + 1
    start = item.start_mark
    prefix = text[start.index - start.column : start.index]  # e.g. "  - " before "slug:"
    if "-" not in prefix:
        raise _Refusal("the terms list is not written one '- slug: ...' entry per item; add the term by hand")
    return offset, prefix.rindex("-")


def _new(args: argparse.Namespace) -> int:
    path: Path = args.file
    title = " ".join(args.title.split())
    slug = args.slug or slug_for(title)
    if not title:
        raise _UsageError("the title must not be empty")
    if not slug:
        raise _UsageError(f"cannot make a slug from the title '{title}'; give --slug")
    if not is_slug(slug):
        raise _UsageError(f"'{printable(slug)}' is not {SLUG_RULE}; give --slug")
    wrong = line_problem(title, NAME_MAX)
    if wrong:
        raise _UsageError(f"the title {wrong}")
    # Under the lock the file is read, changed and replaced in one go: two editors adding terms at
    # once each get their term, the second one added to the file the first one wrote.
    with _locked(path):
        return _add_term(args, path, title, slug)


def _add_term(args: argparse.Namespace, path: Path, title: str, slug: str) -> int:
    text, glossary = _load(path)
    terms = {t.slug: t for t in glossary.terms}
    clusters = {c.id for c in glossary.clusters}
    prog = args.parser.prog
    if slug in terms:
        raise _Refusal(f"{path}:{terms[slug].line}: term '{slug}' is already defined here; give another --slug")
    if args.cluster not in clusters:
        raise _Refusal(f"{prog}: unknown cluster '{args.cluster}'{suggest(args.cluster, clusters)}")
    if args.after is not None and args.after not in terms:
        raise _Refusal(f"{prog}: --after: unknown term '{args.after}'{suggest(args.after, terms)}")
    members = [t.slug for t in glossary.terms if t.cluster == args.cluster]
    anchor = args.after or (members[-1] if members else glossary.terms[-1].slug)
    offset, dash = _insertion(text, _term_nodes(text)[anchor])
    eol = "\r\n" if "\r\n" in text else "\n"
    entry = "".join(f"{' ' * dash}{line}{eol}" for line in _skeleton(slug, title, args.cluster))
    start = offset
    if offset == len(text) and not text.endswith("\n"):
        entry = eol + entry
        start += len(eol)
    new_text = text[:offset] + entry + text[offset:]
    line = new_text.count("\n", 0, start) + 1
    try:
        parse_glossary(new_text, str(path))
    except GlossaryError as error:
        # The positions are those of the file as it would be, with the entry in place.
        raise _Refusal(
            *(str(p) for p in error.problems),
            f"{path}: not changed: adding term '{slug}' at line {line} would cause the problems above",
        ) from None
    _replace(path, new_text)
    print(f"{path}:{line}: added term '{slug}' to cluster '{args.cluster}'; fill in its TODOs")
    return 0


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold the glossary's edit lock (a ``.glossary.yaml.lock`` file beside it) while the body runs.
    The lock is a file of its own because every write replaces the glossary with a new file."""
    if not path.exists():
        raise _UsageError(f"no glossary file at {path} (use --file to name it)")
    target = path.resolve()
    lock = target.parent / f".{target.name}.lock"
    try:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as error:
        raise _Refusal(f"{path}: not changed: cannot create the lock file {lock}: {error.strerror}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a reader sees the old file or the new one, never half.
    A read-only file is refused, not replaced (renaming over it would succeed in a writable folder)."""
    path = path.resolve()  # through a symlink, so the link stays a link
    try:
        mode = path.stat().st_mode & 0o7777
        if not mode & 0o222:
            raise _Refusal(f"{path}: not changed: the file is read-only")
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _Refusal(f"{path}: not changed: cannot write in {path.parent}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _Refusal(f"{path}: not changed: the write failed: {error.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- stats -----------------------------------------------------------------------------------------


def _listing(heading: str, items: Sequence[str]) -> list[str]:
    return [f"{heading}: {len(items)}", *(f"  {item}" for item in items)]


def stats_report(index: GlossaryIndex) -> list[str]:
    """The lines of ``glossary stats``: sizes, gaps and loose ends worth an editor's look."""
    glossary = index.glossary
    terms = glossary.terms
    lines = [_counts(glossary), "", "Terms by cluster:"]
    width = max((len(c.id) for c in glossary.clusters), default=0)
    lines += [f"  {c.id:<{width}}  {len(index.cluster_terms[c.id]):>4}  {c.title}" for c in glossary.clusters]
    lines += ["", *_listing("Terms without a year", [t.slug for t in terms if t.year is None])]
    lines += ["", *_listing("Terms without further reading", [t.slug for t in terms if not t.further_reading])]
    on_paths = {slug for path in glossary.paths for slug in path.steps}
    orphans = [
        t.slug
        for t in terms
        if t.slug != glossary.hub and t.slug not in on_paths and not index.referenced_by.get(t.slug)
    ]
    lines += ["", *_listing("Orphans (no term links here, on no learning path)", orphans)]
    one_way = [f"{t.slug} -> {other}" for t in terms for other in t.related if t.slug not in index.terms[other].related]
    lines += ["", *_listing("One-way relations (A lists B as related, B does not list A)", one_way)]
    longest = sorted(glossary.paths, key=lambda p: (-len(p.steps), p.id))[:LONGEST_PATHS]
    lines += ["", f"Longest learning paths (top {LONGEST_PATHS}):"]
    if longest:
        width = max(len(p.id) for p in longest)
        lines += [f"  {p.id:<{width}}  {_plural(len(p.steps), 'step'):>8}  {p.title}" for p in longest]
    return lines


def _stats(args: argparse.Namespace) -> int:
    _, glossary = _load(args.file)
    print("\n".join(stats_report(GlossaryIndex.build(glossary))))
    return 0


# -- init ----------------------------------------------------------------------------------------


def _init(args: argparse.Namespace) -> int:
    target: Path = args.directory
    title = " ".join(args.title.split()) if args.title else f"{args.subject} Glossary" if args.subject else "Glossary"
    for what, value in (("subject", args.subject), ("title", title)):
        wrong = line_problem(value, NAME_MAX) if value else None
        if wrong:
            raise _UsageError(f"the {what} {wrong}")
    try:
        init(target, title, args.subject or "")
    except InitError as error:
        raise _Refusal(f"{args.parser.prog}: {error}") from None
    except OSError as error:
        raise _Refusal(f"{args.parser.prog}: cannot write {target}: {error.strerror}") from None
    print(f"{target}: created '{title}'. Next: cd {target} && make serve (or make test)")
    return 0


# -- stale -----------------------------------------------------------------------------------------


def stale_report(index: GlossaryIndex, today: datetime.date, limit: int) -> list[str]:
    """The lines of ``glossary stale``: the terms most in need of a re-read, most urgent first."""
    ranked = staleness(index, today)
    never = sum(1 for s in ranked if s.due is None)
    overdue = sum(1 for s in ranked if s.due is not None and s.due <= today)
    lines = [
        f"{_plural(len(ranked), 'term')}: {never} never reviewed, {overdue} past their review date"
        f" (as of {today.isoformat()})",
        "",
    ]
    shown = ranked[:limit]
    width = max((len(s.term.slug) for s in shown), default=0)
    for item in shown:
        if item.due is None:
            when = "never reviewed"
        else:
            assert item.term.reviewed is not None
            state = "due" if item.due <= today else "next"
            when = f"reviewed {item.term.reviewed.isoformat()}, {state} {item.due.isoformat()}"
        lines.append(
            f"  {item.term.slug:<{width}}  {when}  (every {item.every_months} months,"
            f" generality {item.term.generality})"
        )
    if len(ranked) > limit:
        lines.append(f"  … and {len(ranked) - limit} more (--limit to show more)")
    return lines


def _stale(args: argparse.Namespace) -> int:
    _, glossary = _load(args.file)
    today = args.today or datetime.date.today()
    print("\n".join(stale_report(GlossaryIndex.build(glossary), today, args.limit)))
    return 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got '{text}'") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got '{text}'")
    return int(text)


# -- export ----------------------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    base_url: str = args.base_url
    if not _BASE_URL.fullmatch(base_url) or any(mark in base_url for mark in "?#"):
        raise _UsageError(f"--base-url: expected an http(s) URL without ? or #, got '{base_url}'")
    output: Path | None = args.output
    if output is not None:
        if output.exists() and output.resolve() == args.file.resolve():
            raise _UsageError(f"--output: {output} is the glossary itself; write the export somewhere else")
        if output.exists() and not output.is_file():
            raise _UsageError(f"--output: {output} is not a regular file; name a file to write")
    if not base_url.endswith("/"):
        base_url += "/"
    _, glossary = _load(args.file)
    index = GlossaryIndex.build(glossary)
    if args.format == "csv":
        text: str = exports.to_csv(index)
    elif args.format == "skos":
        text = exports.to_skos(index, base_url)
    else:
        text = exports.to_json(index, base_url)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as error:
        raise _Refusal(f"cannot write {args.output}: {error.strerror}") from None
    return 0


# -- the command line ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The ``glossary`` argument parser with its four subcommands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--file",
        type=Path,
        default=Path(DEFAULT_FILE),
        metavar="FILE",
        help=f"the glossary to work on (default: {DEFAULT_FILE} in the current directory)",
    )

    parser = argparse.ArgumentParser(
        prog="glossary",
        description="Check, extend, summarise and export a glossary (glossary.yaml).",
        epilog="Exit status: 0 ok, 1 problems found or request refused, 2 wrong command line.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Command, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=summary, description=summary)
        sub.set_defaults(run=run, parser=sub)
        return sub

    check = command("check", _check, "Validate the glossary and run the content lint; report every problem.")
    check.add_argument("--no-lint", action="store_true", help="only validate; skip the editorial content lint")
    check.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="the site config whose 'extra: glossary:' settings apply (default: mkdocs.yml beside the glossary)",
    )

    new = command("new", _new, "Add a skeleton entry for a new term, leaving the rest of the file untouched.")
    new.add_argument("title", help='the term\'s title, e.g. "Learning rate"')
    new.add_argument("--cluster", required=True, metavar="ID", help="id of the cluster the term belongs to")
    new.add_argument("--slug", metavar="SLUG", help="the term's slug (default: derived from the title)")
    new.add_argument(
        "--after", metavar="SLUG", help="put the entry after this term (default: after the cluster's last term)"
    )

    start = commands.add_parser(
        "init",
        help="Start a new glossary site in a new folder.",
        description="Start a new glossary site in a new folder.",
    )
    start.set_defaults(run=_init, parser=start)
    start.add_argument("directory", type=Path, help="the folder to create (it must not exist, or be empty)")
    start.add_argument("--subject", default="", help='what the glossary is about, e.g. "Cybersecurity"')
    start.add_argument("--title", help='the site\'s name (default: "<subject> Glossary")')

    command("stats", _stats, "Summarise the glossary: sizes, missing years and sources, orphans, one-way links.")

    stale = command(
        "stale", _stale, "List the terms most in need of a re-read: oldest reviews first, weighted by generality."
    )
    stale.add_argument("--limit", type=_positive, default=20, metavar="N", help="show N terms (default: 20)")
    stale.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="the date to count from (default: today)")

    export = command("export", _export, "Export the glossary as JSON, SKOS or CSV.")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the export format")
    export.add_argument("--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)")
    export.add_argument(
        "--base-url",
        default=DEFAULT_BASE_URL,
        metavar="URL",
        help=f"the site's address, for term URLs and URIs (default: {DEFAULT_BASE_URL})",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``glossary`` command with ``argv`` (default: the process arguments); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error argparse has already reported
        return stop.code if isinstance(stop.code, int) else 2
    run: Command = args.run
    try:
        return run(args)
    except _UsageError as error:
        args.parser.print_usage(sys.stderr)
        _say(f"{args.parser.prog}: error: {error}")
        return 2
    except _Refusal as error:
        _say(*(str(line) for line in error.args))
        return 1
    except BrokenPipeError:  # the reader went away (`glossary stats | head`): not an error of ours
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())

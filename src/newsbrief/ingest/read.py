"""Read articles from files, folders and stdin, and benchmark clusters from JSONL files.

Nothing here stops at a bad input: every input that is skipped, or read with a caveat, becomes one line
``"PATH: what is wrong"`` in the problems list, and the rest is read as usual.

Inputs, by extension (case-insensitive):

- ``.txt``: the first line that is not page furniture is the title, the rest is the text; a date stamp in the
  first lines ("Published: Tue, October 15, 2024") becomes the date.
- ``.html``/``.htm``: main text and metadata through trafilatura (see `newsbrief.ingest.html`).
- ``.json``: a cluster ``{"id", "documents": [article, ...]}``, one article object (``{"text", "title", "date",
  "source", "url", "id"}``) or a list of article objects. ``.jsonl``: one article object per line.
- a folder: its files of those kinds, sorted by name, going into sub-folders but not hidden or linked ones.
- ``-``: stdin, read as JSON or JSON lines when it looks like JSON, as HTML when it starts like a page, else
  as plain text.

``Article.origin`` is the path (``PATH:LINE`` for a JSON line, ``PATH[i]`` for the i-th article of a JSON list
or cluster); ``Article.id`` is the document's own id when it has one, else its origin.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsbrief.config import MAX_BYTES
from newsbrief.errors import InputError
from newsbrief.ingest.boilerplate import line_reason
from newsbrief.ingest.language import language_problem
from newsbrief.model import Article
from newsbrief.text import one_line
from newsbrief.text.dates import date_at_top

MAX_TITLE_CHARS = 250
"""A longer first line of a .txt file is a paragraph, not a title, and stays in the text."""
CONTROL_SHARE = 0.01
"""A decoded text with more control characters than this share is binary."""
KINDS = (".txt", ".html", ".htm", ".json", ".jsonl")
_STDIN = "<stdin>"

_KIND_LIST = ", ".join(KINDS)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_JSON_START = re.compile(r"\s*(\{|\[\s*[{\]\"])")
_HTML_START = re.compile(r"(?>\s*(?:<!--.*?-->)?)*+<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


def _cp1252_table() -> dict[int, str]:
    """Latin-1 code points 0x80-0x9F mapped to the Windows-1252 characters those bytes mean (5 are unused)."""
    table = {}
    for byte in range(0x80, 0xA0):
        with contextlib.suppress(UnicodeDecodeError):
            table[byte] = bytes([byte]).decode("cp1252")
    return table


_CP1252 = _cp1252_table()

_Item = Article | str
"""What the readers below yield: an article, or a problem line."""


def read_paths(paths: Sequence[str]) -> tuple[list[Article], list[str]]:
    """Read every article from ``paths``: files, folders, or ``-`` for stdin.

    Returns the articles in input order (a folder's files sorted by name) and one line ``"PATH: problem"``
    for each input skipped or read with a caveat (missing, empty, binary, too big, malformed or wrongly shaped
    JSON, not English, unsupported type, not UTF-8, given twice).

    >>> examples = Path(__file__).parents[3] / "examples"
    >>> articles, problems = read_paths([str(examples / "03_coastline_wire.txt"), "missing.txt"])
    >>> articles[0].title, articles[0].date
    ('Kellhaven tanker fire contained but residents told to wait', '2024-10-15')
    >>> problems
    ['missing.txt: no such file or directory']
    """
    return _articles_and_problems(_read_all(paths))


def read_upload(name: str, data: bytes) -> tuple[list[Article], list[str]]:
    """Read one uploaded file, or one pasted text, from memory (for the web app; nothing is read from disk).

    ``name`` labels the articles and problems, and its extension says how to read ``data``, as for a file; a
    name without an extension (a pasted text) is read like stdin, its kind guessed from the text.

    >>> articles, problems = read_upload("pasted text 1", b"Storm hits coast\\n\\nA storm hit the coast on Monday.")
    >>> articles[0].title, articles[0].origin, problems
    ('Storm hits coast', 'pasted text 1', [])
    >>> read_upload("notes.pdf", b"%PDF-1.7")
    ([], ["notes.pdf: unsupported file type '.pdf'; newsbrief reads .txt, .html, .htm, .json, .jsonl"])
    """
    name = name.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    kind = Path(name).suffix.lower() or None
    if kind is not None and kind not in KINDS:
        return [], [f"{name}: unsupported file type '{kind}'; newsbrief reads {_KIND_LIST}"]
    if len(data) > MAX_BYTES:
        return [], [f"{name}: {len(data) / 2**20:.1f} MB is over the {MAX_BYTES / 2**20:.0f} MB limit; not read"]
    return _articles_and_problems(_read_bytes(data, kind, name))


def _articles_and_problems(items: Iterable[_Item]) -> tuple[list[Article], list[str]]:
    """The articles read, and one line per problem: what could not be read, and what each article ignored."""
    articles: list[Article] = []
    problems: list[str] = []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
            problems.extend(item.notes)
        else:
            problems.append(item)
    return articles, problems


def read_clusters(path: str) -> Iterator[dict[str, Any] | InputError]:
    """Yield the clusters of a benchmark JSONL file (``-`` reads stdin), one per line.

    Each cluster is the line's object as it is (``{"id", "documents": [...], "summaries": [...], ...}``), with
    ``"id"`` set to ``PATH:LINE`` when it has none. A line that is not a cluster yields an `InputError`
    "PATH:LINE: what is wrong", and reading goes on; binary data stops the reading.
    """
    try:
        stream = _open_binary(path)
    except OSError as err:
        yield InputError(f"{path}: cannot open ({err.strerror})")
        return
    with stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            if b"\x00" in raw:
                yield InputError(f"{where}: binary data (NUL bytes); stopped reading this file", id=where)
                return
            yield _cluster_or_error(raw, where)


def _cluster_or_error(raw: bytes, where: str) -> dict[str, Any] | InputError:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return InputError(f"{where}: not UTF-8 ({err.reason} at byte {err.start})", id=where)
    try:
        data = load_json(text, where)
    except InputError as err:
        return InputError(str(err), id=where)
    try:
        return _cluster(data, where)
    except InputError as err:
        given = data.get("id") if isinstance(data, dict) else None
        return InputError(str(err), id=where if given is None else str(given))


def load_json(text: str, where: str) -> Any:
    """``json.loads(text)``, or an `InputError` naming ``where`` and the problem (malformed, nested too deep)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        place = f"column {err.colno}" if err.lineno == 1 else f"line {err.lineno} column {err.colno}"
        raise InputError(f"{where}: malformed JSON ({err.msg} at {place})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply to read") from None


def _open_binary(path: str) -> Any:
    if path == "-":
        return contextlib.nullcontext(sys.stdin.buffer)
    return open(path, "rb")  # noqa: SIM115 - closed by the caller's with-block


def _cluster(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise InputError(f"{where}: expected a cluster object with a 'documents' list; got {_shape(data)}")
    if not data["documents"]:
        raise InputError(f"{where}: the cluster has no documents")
    for index, document in enumerate(data["documents"]):
        if not isinstance(document, dict) or not isinstance(document.get("text"), str):
            raise InputError(f"{where}: documents[{index}] is not an article object with a 'text' string")
    data.setdefault("id", where)
    return data


def _read_all(paths: Sequence[str]) -> Iterator[_Item]:
    seen: set[Path] = set()
    for given in paths:
        if given == "-":
            yield from _read_stdin()
            continue
        path = Path(given)
        if path.is_dir():
            try:
                files = list(_folder_files(path))
            except OSError as err:
                yield f"{err.filename or given}: cannot list this folder ({err.strerror})"
                continue
            if not files:
                yield f"{given}: no {_KIND_LIST} files in this folder"
        elif path.exists():
            files = [path]
        else:
            yield f"{given}: no such file or directory"
            continue
        for file in files:
            try:
                key = file.resolve(strict=True)
            except (OSError, RuntimeError):  # a dangling link, or links that point at each other
                yield f"{file}: cannot read (a broken or looping symbolic link)"
                continue
            if key in seen:
                yield f"{file}: given more than once; read once"
                continue
            seen.add(key)
            yield from _read_file(file)


def _folder_files(folder: Path) -> Iterator[Path]:
    """The readable files under ``folder``, sorted by name at each level.

    Hidden files and folders are skipped, and so are links to folders, as in `os.walk`, so a link cannot loop.
    """
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if entry.is_symlink():
                continue
            yield from _folder_files(entry)
        elif entry.suffix.lower() in KINDS:
            yield entry


def _read_file(path: Path) -> Iterator[_Item]:
    name = str(path)
    kind = path.suffix.lower()
    if kind not in KINDS:
        yield f"{name}: unsupported file type '{kind or path.name}'; newsbrief reads {_KIND_LIST}"
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield f"{name}: {size / 2**20:.1f} MB is over the {MAX_BYTES / 2**20:.0f} MB limit; not read"
            return
        raw = path.read_bytes()
    except OSError as err:
        yield f"{name}: cannot read ({err.strerror})"
        return
    yield from _read_bytes(raw, kind, name)


def _read_stdin() -> Iterator[_Item]:
    raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        yield f"{_STDIN}: more than {MAX_BYTES / 2**20:.0f} MB; not read"
        return
    yield from _read_bytes(raw, None, _STDIN)


def _read_bytes(raw: bytes, kind: str | None, origin: str) -> Iterator[_Item]:
    """Decode ``raw`` and read it as ``kind`` (None: guess from the text, for stdin).

    The not-UTF-8 caveat is given only when something was read: a skipped input gets one line, saying why.
    """
    try:
        text, caveat = _decode(raw, origin, html=kind in (".html", ".htm", None))
    except InputError as err:
        yield str(err)
        return
    if kind is None:
        kind = _sniff(text)
    if kind == ".json":
        items: list[_Item] = list(_json_articles(text, origin))
    elif kind == ".jsonl":
        items = list(_jsonl_articles(text, origin))
    else:
        try:
            items = [text_article(text, origin, id=origin) if kind == ".txt" else _html_article(text, origin)]
        except InputError as err:
            items = [str(err)]
    items = [_english(item) if isinstance(item, Article) else item for item in items]
    if caveat and any(isinstance(item, Article) for item in items):
        yield caveat
    yield from items


def _html_article(markup: str, origin: str) -> Article:
    from newsbrief.ingest.html import html_article

    return html_article(markup, origin=origin)


def _decode(raw: bytes, origin: str, *, html: bool) -> tuple[str, str | None]:
    """The text of ``raw`` and a caveat line when it was not UTF-8; `InputError` when it is not text.

    UTF-16 with a byte-order mark is read as such; a page's declared charset is honoured; anything else that
    is not UTF-8 is read as Windows-1252 (as Latin-1 for the 5 bytes Windows-1252 leaves undefined).
    """
    if not raw.strip():
        raise InputError(f"{origin}: empty file" if raw == b"" else f"{origin}: empty file (only whitespace)")
    caveat = None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    elif b"\x00" in raw:
        raise InputError(f"{origin}: binary file (NUL bytes), not text")
    else:
        text = _decode_8bit(raw, html)
        if text is None:
            caveat = f"{origin}: not UTF-8; read as Windows-1252/Latin-1"
            text = raw.decode("latin-1").translate(_CP1252)
    controls = len(_CONTROL.findall(text)) if _CONTROL.search(text) else 0
    if controls > CONTROL_SHARE * len(text):
        raise InputError(f"{origin}: binary file ({controls} control characters), not text")
    if not text.strip():
        raise InputError(f"{origin}: empty file (only whitespace)")
    return text, caveat


def _decode_8bit(raw: bytes, html: bool) -> str | None:
    """UTF-8 (or a page's declared charset) text of ``raw``, None when it is neither."""
    encodings = ["utf-8-sig"]
    if html:
        from newsbrief.ingest.html import declared_charset

        declared = declared_charset(raw)
        if declared and declared != "utf-8":
            encodings.insert(0, declared)
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _sniff(text: str) -> str:
    """The kind of input stdin holds: JSON (or JSON lines), an HTML page, or plain text."""
    if _JSON_START.match(text):
        first, _, rest = text.lstrip().partition("\n")
        try:
            json.loads(first)
        except (json.JSONDecodeError, RecursionError):
            return ".json"
        return ".jsonl" if rest.strip() else ".json"
    if _HTML_START.match(text[:4096]):
        return ".html"
    return ".txt"


def text_article(text: str, origin: str, id: str = "") -> Article:
    """A plain-text document (a .txt file, a string given to `summarize` or the API) as an `Article`.

    The first non-empty line that is not page furniture is the title; the text is everything else, in order.
    Furniture above the title (a "Published:" stamp, a byline, a search box) stays in the text, where the clean
    stage drops it with its reason and the stamp dates the article. A text with one line only, or whose first
    line of prose is too long to be a title, is all text.
    """
    at = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and line_reason(one_line(stripped)) is None:
            title, end = stripped, at + len(line)
            if len(title) > MAX_TITLE_CHARS or not text[end:].strip():
                break
            body = (text[:at] if text[:at].strip() else "") + text[end:]
            return Article(text=body, title=title, date=date_at_top(body).value, id=id, origin=origin)
        at += len(line)
    return Article(text=text, date=date_at_top(text).value, id=id, origin=origin)


def _json_articles(text: str, origin: str) -> Iterator[_Item]:
    try:
        data = load_json(text, origin)
    except InputError as err:
        yield str(err)
        return
    if isinstance(data, dict) and "documents" in data:
        documents = data["documents"]
        if not isinstance(documents, list) or not documents:
            yield f"{origin}: a cluster's 'documents' must be a non-empty list of article objects"
            return
        items = list(enumerate(documents))
    elif isinstance(data, dict):
        items = [(None, data)]
    elif isinstance(data, list) and data:
        items = list(enumerate(data))
    else:
        yield (
            f"{origin}: expected a cluster object with 'documents', an article object with 'text', "
            f"or a list of article objects; got {_shape(data)}"
        )
        return
    for index, data in items:
        where = origin if index is None else f"{origin}[{index}]"
        try:
            yield _object_article(data, where)
        except InputError as err:
            yield str(err)


def _jsonl_articles(text: str, origin: str) -> Iterator[_Item]:
    # split on "\n" only: JSON strings may hold U+2028 and other characters that str.splitlines() breaks at
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            yield _object_article(load_json(line, where), where)
        except InputError as err:
            yield str(err)


def _object_article(data: Any, where: str) -> Article:
    if isinstance(data, dict) and "text" not in data:
        if "documents" in data:
            raise InputError(f"{where}: a cluster, not an article; read cluster files with read_clusters")
        raise InputError(f"{where}: expected an article object with 'text'; got {_shape(data)}")
    article = Article.from_dict(data, origin=where)
    return article if article.id else dataclasses.replace(article, id=where)


def _english(article: Article) -> _Item:
    problem = language_problem(article.text)
    return article if problem is None else f"{article.origin}: does not look like English ({problem})"


def _shape(data: Any) -> str:
    """Name a JSON value's type the way JSON does, with an object's first keys."""
    if isinstance(data, dict):
        keys = ", ".join(repr(key) for key in list(data)[:5])
        return f"an object with keys {keys}" if keys else "an empty object"
    names = {list: "a list", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return names.get(type(data), "null")

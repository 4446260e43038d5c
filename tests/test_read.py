"""read_paths and read_clusters: every input kind, every bad input, and batches that mix them."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from newsbrief.errors import InputError
from newsbrief.ingest.read import MAX_BYTES, read_clusters, read_paths

from .conftest import SHARED_DATA

ENGLISH = (
    "Firefighters brought a fire on a cargo ship under control on Tuesday, the port authority said. "
    "About 300 people who live near the docks were told to keep their windows closed while crews worked. "
    "The cause of the fire is not yet known, and an inquiry will begin once the ship has cooled down."
)
FRENCH = (
    "Les pompiers ont maîtrisé mardi un incendie à bord d'un navire de commerce, a indiqué l'autorité portuaire. "
    "Environ trois cents personnes qui habitent près des quais ont dû garder leurs fenêtres fermées pendant "
    "l'intervention. La cause de l'incendie reste inconnue et une enquête sera ouverte dès que le navire aura "
    "refroidi, selon la préfecture maritime."
)
PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Ship fire brought under control | Harbour Times</title>
<meta property="og:title" content="Ship fire brought under control">
<meta property="og:site_name" content="Harbour Times">
<meta name="author" content="Ada Quill">
<meta property="article:published_time" content="2023-05-02T09:00:00+00:00">
<script>var tracker = "SCRIPT-TEXT-MUST-GO";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">NAVIGATION-MUST-GO</a></nav>
<article><h1>Ship fire brought under control</h1>
<p>Firefighters brought a fire on a cargo ship under control on Tuesday, the port authority said.</p>
<p>About 300 people who live near the docks were told to keep their windows closed while crews worked.</p>
<p>The cause of the fire is not yet known, and an inquiry will begin once the ship has cooled down.</p>
</article>
<footer>FOOTER-MUST-GO &copy; 2023 Harbour Times</footer>
</body></html>
"""


def write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def path_size(path: str) -> int:
    return Path(path).stat().st_size


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- good inputs -----------------------------------------------------------------------------------------------


def test_txt_first_line_is_title_and_text_is_the_rest_unchanged(tmp_path: Path) -> None:
    original = "\n  Ship fire brought under control  \r\n" + ENGLISH + "\n\n  Second paragraph, kept as written.\n"
    path = write(tmp_path, "fire.txt", original)

    (article,), problems = read_paths([path])

    assert problems == []
    assert article.title == "Ship fire brought under control"
    assert original.endswith(article.text)
    assert article.text.startswith(ENGLISH)
    assert article.id == article.origin == path


def test_txt_with_one_line_is_all_text(tmp_path: Path) -> None:
    path = write(tmp_path, "one.txt", ENGLISH)
    (article,), _ = read_paths([path])
    assert (article.title, article.text) == ("", ENGLISH)


def test_txt_date_stamp_under_the_title_becomes_the_date(tmp_path: Path) -> None:
    stamped = write(tmp_path, "a.txt", f"Title\nBy Ada Quill\nPublished: 16/10/2024 19:05\n\n{ENGLISH}")
    blank_stamp = write(tmp_path, "b.txt", f"Title\nPublished: Updated:\n\n{ENGLISH}")
    dated_prose = write(tmp_path, "c.txt", f"Title\n{ENGLISH} It was the worst fire since 12 March 2019.")

    articles, _ = read_paths([stamped, blank_stamp, dated_prose])

    assert [a.date for a in articles] == ["2024-10-16", None, None]


def test_html_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    (article,), problems = read_paths([write(tmp_path, "page.html", PAGE)])

    assert problems == []
    assert article.title == "Ship fire brought under control"
    assert (article.date, article.author, article.source) == ("2023-05-02", "Ada Quill", "Harbour Times")
    assert article.text.split("\n\n") == [
        "Firefighters brought a fire on a cargo ship under control on Tuesday, the port authority said.",
        "About 300 people who live near the docks were told to keep their windows closed while crews worked.",
        "The cause of the fire is not yet known, and an inquiry will begin once the ship has cooled down.",
    ]


def test_html_fragment_without_metadata_still_gives_its_text(tmp_path: Path) -> None:
    path = write(tmp_path, "bit.htm", "<p>Storm hits coast.</p><p>Thousands lose power.</p>")
    (article,), problems = read_paths([path])
    assert problems == []
    assert (article.text, article.title, article.date) == ("Storm hits coast.\n\nThousands lose power.", "", None)


def test_html_in_its_declared_charset_is_read_without_a_caveat(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("cargo ship", "cargo ship (café deck)")
    (article,), problems = read_paths([write(tmp_path, "latin.html", page.encode("latin-1"))])
    assert problems == []
    assert "café deck" in article.text


def test_json_cluster_object_gives_its_documents(tmp_path: Path) -> None:
    cluster = {
        "id": "c1",
        "documents": [
            {"id": "d0", "title": "One", "text": ENGLISH, "date": "2023-05-02T10:00:00", "source": "Wire"},
            {"title": "Two", "text": "Storm hits coast.", "url": "https://news.example/two"},
        ],
    }
    path = write(tmp_path, "cluster.json", json.dumps(cluster))

    articles, problems = read_paths([path])

    assert problems == []
    assert [(a.id, a.origin, a.title) for a in articles] == [
        ("d0", f"{path}[0]", "One"),
        (f"{path}[1]",) * 2 + ("Two",),
    ]
    assert (articles[0].date, articles[0].source, articles[1].url) == ("2023-05-02", "Wire", "https://news.example/two")


def test_json_article_object_and_list_of_articles(tmp_path: Path) -> None:
    single = write(tmp_path, "one.json", json.dumps({"text": ENGLISH, "title": "Alone"}))
    many = write(tmp_path, "many.json", json.dumps([{"text": "Storm hits coast."}, {"text": ENGLISH, "id": "x"}]))

    articles, problems = read_paths([single, many])

    assert problems == []
    assert [(a.id, a.title) for a in articles] == [(single, "Alone"), (f"{many}[0]", ""), ("x", "")]


def test_jsonl_reads_one_article_per_line_and_names_bad_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"text": ENGLISH, "title": "First"}), '{"text": "cut off', "", json.dumps({"text": "Storm."})]
    path = write(tmp_path, "articles.jsonl", "\n".join(lines) + "\n")

    articles, problems = read_paths([path])

    assert [(a.title, a.origin) for a in articles] == [("First", f"{path}:1"), ("", f"{path}:4")]
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:2: malformed JSON")


def test_jsonl_keeps_line_separator_characters_inside_strings(tmp_path: Path) -> None:
    text = "Storm hits coast.\u2028Thousands lose power."
    path = write(tmp_path, "sep.jsonl", json.dumps({"text": text}, ensure_ascii=False) + "\n")
    (article,), problems = read_paths([path])
    assert (article.text, problems) == (text, [])


def test_folder_is_read_sorted_by_name_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    for name in ["b.txt", "a.html", "10.txt", "2.txt", "sub/c.json", ".hidden.txt", ".git/d.txt", "notes.md"]:
        content = (
            PAGE if name.endswith(".html") else json.dumps({"text": ENGLISH}) if name.endswith(".json") else ENGLISH
        )
        write(tmp_path, name, content)

    articles, problems = read_paths([str(tmp_path)])

    assert problems == []
    names = [Path(a.origin).relative_to(tmp_path).as_posix() for a in articles]
    assert names == ["10.txt", "2.txt", "a.html", "b.txt", "sub/c.json"]


def test_linked_folders_are_not_followed_so_a_loop_ends(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    articles, problems = read_paths([str(tmp_path)])
    assert (len(articles), problems) == (1, [])


def test_file_links_that_point_at_each_other_are_one_problem_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "c.txt").write_text("Title\nFloods closed the coast road on Monday.")
    articles, problems = read_paths([str(tmp_path)])
    assert [a.title for a in articles] == ["Title"]
    assert problems == [f"{tmp_path / n}: cannot read (a broken or looping symbolic link)" for n in ("a.txt", "b.txt")]


def test_json_nested_too_deeply_is_one_problem_line_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "good.json").write_text(json.dumps({"title": "T", "text": "Floods closed the coast road."}))
    articles, problems = read_paths([str(tmp_path)])
    assert [a.title for a in articles] == ["T"]
    assert problems == [f"{tmp_path / 'deep.json'}: JSON nested too deeply to read"]


def test_a_file_given_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ENGLISH)
    articles, problems = read_paths([path, str(tmp_path)])
    assert len(articles) == 1
    assert problems == [f"{path}: given more than once; read once"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Storm hits coast\nThousands lose power.\n", ("text", "Storm hits coast", "Thousands lose power.\n")),
        (json.dumps({"text": "Storm.", "title": "T"}).encode(), ("json", "T", "Storm.")),
        (b'[{"text": "Storm."}]', ("json", "", "Storm.")),
        (b'{"text": "One."}\n{"text": "Two."}\n', ("jsonl", "", "One.")),
        (PAGE.encode(), ("html", "Ship fire brought under control", None)),
        (b"[Updated] Storm hits coast\nThousands lose power.", ("text", "[Updated] Storm hits coast", None)),
    ],
    ids=["text", "json-object", "json-list", "jsonl", "html", "text-starting-with-bracket"],
)
def test_stdin_is_read_as_json_html_or_text(
    monkeypatch: pytest.MonkeyPatch, data: bytes, expected: tuple[str, str, str | None]
) -> None:
    feed_stdin(monkeypatch, data)
    articles, problems = read_paths(["-"])
    assert problems == []
    _, title, text = expected
    assert articles[0].title == title
    assert articles[0].origin.startswith("<stdin>")
    if text is not None:
        assert articles[0].text == text
    if expected[0] == "jsonl":
        assert [a.origin for a in articles] == ["<stdin>:1", "<stdin>:2"]


def test_malformed_json_on_stdin_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, b'{"text": "Storm hits')
    articles, problems = read_paths(["-"])
    assert articles == []
    assert problems[0].startswith("<stdin>: malformed JSON")


def test_short_english_and_noisy_real_scraped_english_are_accepted(tmp_path: Path) -> None:
    short = write(tmp_path, "short.txt", "Storm hits coast\nThousands lose power.")
    noisy = write(tmp_path, "noisy.txt", "Home » News » Local\nSHARE TWEET EMAIL 12 (3) " * 5 + ENGLISH)
    articles, problems = read_paths([short, noisy])
    assert (len(articles), problems) == (2, [])


@pytest.mark.skipif(not (SHARED_DATA / "seed-cluster").is_dir(), reason="needs ../shared/data/seed-cluster")
def test_real_scraped_cluster_reads_without_problems() -> None:
    articles, problems = read_paths([str(SHARED_DATA / "seed-cluster")])
    assert problems == []
    assert len(articles) == 5
    assert all(a.title and a.text.strip() for a in articles)


def test_windows_1252_file_is_read_with_a_caveat(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners said \u201cthe smoke was terrible\u201d \u2013 and closed early.\n" + ENGLISH
    path = write(tmp_path, "cp.txt", ("Title\n" + text).encode("cp1252"))

    (article,), problems = read_paths([path])

    assert article.text == text
    assert problems == [f"{path}: not UTF-8; read as Windows-1252/Latin-1"]


def test_a_skipped_windows_1252_file_gets_one_line_saying_why(tmp_path: Path) -> None:
    path = write(tmp_path, "fr.txt", ("Un incendie\n" + FRENCH).encode("cp1252"))
    articles, problems = read_paths([path])
    assert articles == []
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: does not look like English")


def test_a_large_file_under_the_limit_is_read_whole(tmp_path: Path) -> None:
    """How long it takes is measured by benchmarks/scale.py."""
    path = write(tmp_path, "long.txt", "Long report\n" + (ENGLISH + "\n\n") * 50_000)  # about 14 MB
    (article,), problems = read_paths([path])
    assert (problems, len(article.text)) == ([], path_size(path) - len("Long report\n"))


def test_utf16_file_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "u16.txt", ("Title\n" + ENGLISH).encode("utf-16"))
    (article,), problems = read_paths([path])
    assert (article.text, problems) == (ENGLISH, [])


# --- bad inputs ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\n", "empty file"),
        ("nul.txt", b"Title\nSome text\x00\x00\x01\x02 with NUL bytes in it", "binary file"),
        ("noise.txt", bytes(range(1, 32)) * 40 + bytes(range(128, 256)) * 5, "binary file"),
        ("bad.json", b'{"text": "unterminated', "malformed JSON"),
        ("number.json", b"42", "expected a cluster object"),
        ("keys.json", b'{"body": "no text field"}', "expected an article object with 'text'"),
        ("nodocs.json", b'{"id": "c", "documents": []}', "non-empty list"),
        ("emptytext.json", b'{"text": "   "}', "has no text"),
        ("typed.json", b'{"text": 12}', "text must be a string"),
        ("french.txt", ("Un incendie\n" + FRENCH).encode(), "does not look like English"),
        ("chinese.txt", "标题\n台风袭击海岸，数千户停电。".encode(), "does not look like English"),
        ("empty.html", b"<html><head><title>x</title></head><body><script>1</script></body></html>", "no text"),
        ("report.pdf", b"%PDF-1.4 ...", "unsupported file type '.pdf'"),
        ("README", b"Read me", "unsupported file type 'README'"),
    ],
)
def test_bad_input_is_skipped_with_one_problem_line(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = write(tmp_path, name, content)

    articles, problems = read_paths([path])

    assert articles == []
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}")
    assert problem in problems[0]


def test_missing_path_is_reported(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    assert read_paths([missing]) == ([], [f"{missing}: no such file or directory"])


def test_folder_without_readable_files_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "notes.md", "not an article")
    articles, problems = read_paths([str(tmp_path)])
    assert articles == []
    assert problems == [f"{tmp_path}: no .txt, .html, .htm, .json, .jsonl files in this folder"]


def test_file_over_the_size_limit_is_rejected_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 2**20)
    assert path.stat().st_size > MAX_BYTES

    articles, problems = read_paths([str(path)])
    assert articles == []
    assert problems == [f"{path}: 50.0 MB is over the 20 MB limit; not read"]


def test_stdin_over_the_size_limit_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, b"a" * (MAX_BYTES + 10))
    assert read_paths(["-"]) == ([], ["<stdin>: more than 20 MB; not read"])


def test_json_list_keeps_good_articles_and_names_bad_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path, "mixed.json", json.dumps([{"text": ENGLISH}, {"title": "no text"}, "a string", {"text": ""}])
    )

    articles, problems = read_paths([path])

    assert [a.origin for a in articles] == [f"{path}[0]"]
    assert [p.split(": ")[0] for p in problems] == [f"{path}[1]", f"{path}[2]", f"{path}[3]"]


def test_batch_keeps_every_good_input_and_reports_every_bad_one(tmp_path: Path) -> None:
    good = [
        write(tmp_path, "good1.txt", "One\n" + ENGLISH),
        write(tmp_path, "good2.html", PAGE),
        write(tmp_path, "good3.jsonl", json.dumps({"text": ENGLISH, "title": "Three"}) + "\nnot json\n"),
        write(tmp_path, "good4.txt", ("Four\n" + ENGLISH + " \u00a3").encode("cp1252")),
    ]
    bad = [
        str(tmp_path / "missing.txt"),
        write(tmp_path, "empty.txt", b""),
        write(tmp_path, "bin.txt", b"\x00\x01\x02"),
        write(tmp_path, "french.txt", "Titre\n" + FRENCH),
        write(tmp_path, "shape.json", b'"just a string"'),
        write(tmp_path, "image.png", b"\x89PNG"),
    ]
    order = [bad[0], good[0], bad[1], good[1], bad[2], good[2], bad[3], good[3], bad[4], bad[5]]

    articles, problems = read_paths(order)

    assert [a.title for a in articles] == ["One", "Ship fire brought under control", "Three", "Four"]
    assert [p.split(": ")[0] for p in problems] == [
        bad[0], bad[1], bad[2], f"{good[2]}:2", bad[3], good[3], bad[4], bad[5]
    ]  # fmt: skip


# --- read_clusters ---------------------------------------------------------------------------------------------


def test_read_clusters_goes_on_after_bad_lines(tmp_path: Path) -> None:
    first = {"id": "A", "documents": [{"text": ENGLISH}], "summaries": ["ref"]}
    last = {"documents": [{"text": "Storm hits coast.", "title": "t"}]}
    lines = [json.dumps(first), '{"id": "B", "documents": [', "", json.dumps({"id": "C"}), json.dumps(last)]
    path = write(tmp_path, "bench.jsonl", "\n".join(lines) + "\n")

    results = list(read_clusters(path))

    assert [type(r) for r in results] == [dict, InputError, InputError, dict]
    assert results[0] == first
    assert str(results[1]).startswith(f"{path}:2: malformed JSON")
    assert str(results[2]).startswith(f"{path}:4: expected a cluster object with a 'documents' list")
    assert results[3]["id"] == f"{path}:5"


def test_read_clusters_names_bad_documents_and_bad_encoding(tmp_path: Path) -> None:
    lines = [b'{"documents": [{"text": "ok"}, {"title": "no text"}]}', b'{"documents": [{"text": "caf\xe9"}]}']
    path = write(tmp_path, "bench.jsonl", b"\n".join(lines))

    messages = [str(r) for r in read_clusters(path)]

    assert messages == [
        f"{path}:1: documents[1] is not an article object with a 'text' string",
        f"{path}:2: not UTF-8 (invalid continuation byte at byte 28)",
    ]


def test_read_clusters_reports_a_missing_file(tmp_path: Path) -> None:
    (result,) = read_clusters(str(tmp_path / "none.jsonl"))
    assert isinstance(result, InputError)
    assert str(result) == f"{tmp_path / 'none.jsonl'}: cannot open (No such file or directory)"


@pytest.mark.skipif(not (SHARED_DATA / "duc2003-task2").is_dir(), reason="needs ../shared/data/duc2003-task2")
def test_read_clusters_reads_a_real_benchmark() -> None:
    clusters = list(read_clusters(str(SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl")))
    assert len(clusters) == 30
    assert all(isinstance(c, dict) and c["documents"] and c["summaries"] for c in clusters)


def test_txt_title_skips_page_furniture_above_it_and_the_stamp_dates_the_article(tmp_path: Path) -> None:
    original = (
        "Published: Mon, April 23, 2018\nWorld | By Ann Reporter\n\nFerry service resumes after strike\n" + ENGLISH
    )
    path = write(tmp_path, "ferry.txt", original)

    (article,), problems = read_paths([path])

    assert problems == []
    assert article.title == "Ferry service resumes after strike"
    assert article.date == "2018-04-23"
    assert article.text.startswith("Published: Mon, April 23, 2018\n") and article.text.endswith(ENGLISH)

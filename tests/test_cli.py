import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsbrief.cli import main

from .conftest import EXAMPLES


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_summarize_the_bundled_example_end_to_end():
    result = run("summarize", str(EXAMPLES), "--format", "json", "--words", "120")
    assert result.exit_code == 0, result.stderr
    brief = json.loads(result.stdout)
    assert 6 <= len(brief["documents"]) <= 8
    assert len(brief["summary"].split()) <= 120
    texts = {d["index"]: d for d in brief["documents"]}
    assert brief["sentences"] and all(s["doc"] in texts for s in brief["sentences"])
    reasons = {d["reason"].split(":")[0] for d in brief["dropped"]}
    assert len(reasons) >= 3  # boilerplate of several kinds, duplicates, off-topic text
    assert any(s["support"] > 1 for s in brief["sentences"])


def test_the_original_wording_is_shown_not_the_spun_copy(example_articles):
    spun = next(i for i, a in enumerate(example_articles) if "spun" in a.origin)
    brief = json.loads(run("summarize", str(EXAMPLES), "--format", "json", "--no-analysis").stdout)
    assert any(spun in s["sources"] for s in brief["sentences"])  # the spun copy repeats the story...
    assert all(s["doc"] != spun for s in brief["sentences"])  # ...but its garbled wording is never shown


def test_the_outlets_disagreement_on_the_evacuation_count_is_reported():
    brief = json.loads(run("summarize", str(EXAMPLES), "--format", "json").stdout)
    values = {c["value"] for group in brief["conflicts"] for c in group["claims"]}
    assert {"About 1,200", "Around 1,500"} <= values
    assert any(s["single_source"] for s in brief["sentences"]) or all(s["support"] > 1 for s in brief["sentences"])


def test_the_text_brief_says_where_sources_disagree():
    text = run("summarize", str(EXAMPLES)).stdout
    line = next(line for line in text.splitlines() if line.startswith("Sources disagree"))
    assert "1,200" in line and "1,500" in line


def test_summary_sentences_are_verbatim_in_the_example_files(example_articles):
    brief = json.loads(run("summarize", str(EXAMPLES), "--format", "json").stdout)
    for s in brief["sentences"]:
        assert s["text"] in " ".join(example_articles[s["doc"]].text.split())


@pytest.mark.parametrize("fmt, marker", [("text", "Sources:"), ("markdown", "# Brief"), ("html", "<!doctype html>")])
def test_every_format_renders(fmt, marker):
    result = run("summarize", str(EXAMPLES), "--format", fmt)
    assert result.exit_code == 0 and marker in result.stdout


def test_standard_input():
    result = run(
        "summarize",
        "-",
        input="Storm hits the coast\nA storm hit the coast on Monday night. "
        "Thousands of homes lost power. Crews worked through the night to restore it.",
    )
    assert result.exit_code == 0 and "[0]" in result.stdout


def write(path, data):
    path.write_bytes(data)
    return str(path)


def test_bad_inputs_beside_a_good_one_are_warned_about_and_skipped(tmp_path):
    good = str(EXAMPLES / "03_coastline_wire.txt")
    bad = [
        write(tmp_path / "empty.txt", b""),
        write(tmp_path / "binary.txt", b"\x00\x01\x02binary\xff" * 50),
        write(tmp_path / "broken.json", b'{"text": "unterminated'),
        str(tmp_path / "missing.txt"),
    ]
    result = run("summarize", good, *bad)
    assert result.exit_code == 0
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == len(bad)
    for path, line in zip(bad, warnings):
        assert line.startswith("newsbrief: warning: ") and path in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name, data", [("empty.txt", b""), ("binary.bin.txt", b"\x00\xff" * 100), ("bad.jsonl", b"{not json}\n")]
)
def test_nothing_usable_exits_2_with_one_line_per_problem(tmp_path, name, data):
    path = write(tmp_path / name, data)
    result = run("summarize", path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("newsbrief: error: nothing to summarize")
    assert all(path in line for line in lines)


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.seek(50 * 1024 * 1024)
        handle.write(b"x")
    result = run("summarize", str(huge))
    assert result.exit_code == 2 and str(huge) in result.stderr and "MB" in result.stderr


def test_latin1_file_is_read_with_a_warning(tmp_path):
    text = "Caf\xe9 owners in Kellhaven reopened on Wednesday after the fire. The mayor thanked the crews."
    path = write(tmp_path / "latin1.txt", ("Reopening\n" + text).encode("latin-1"))
    result = run("summarize", path)
    assert result.exit_code == 0
    assert "Café" in result.stdout and "UTF-8" in result.stderr


def test_batch_writes_one_line_per_cluster_and_records_failures(tmp_path):
    clusters = tmp_path / "in.jsonl"
    good = {"id": "ok", "documents": [{"text": "A storm hit the coast on Monday. Thousands lost power."}]}
    clusters.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({"id": "empty", "documents": []}) + "\n")
    out = tmp_path / "out.jsonl"
    result = run("batch", str(clusters), "-o", str(out), "--no-analysis")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines[0]["id"] == "ok" and "summary" in lines[0]
    assert ":2: malformed JSON" in lines[1]["error"] and ":3:" in lines[2]["error"]
    assert "2 of 3 clusters failed" in result.stderr


def test_help_teaches_with_examples():
    for command in ("summarize", "batch", "eval"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout


def test_the_installed_command_starts_fast_and_without_heavy_imports():
    heavy = "('spacy', 'sklearn', 'scipy', 'torch', 'trafilatura')"
    code = f"import sys, newsbrief.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    "module", ["newsbrief.cli.stories", "newsbrief.cli.serve", "newsbrief.cli.briefs", "newsbrief.cli"]
)
def test_every_command_module_imports_on_its_own(module):
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True, capture_output=True)

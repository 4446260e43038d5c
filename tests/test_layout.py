"""The package reads in pipeline order: no module imports from a later stage than its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsbrief"

# Rank of each part: a pipeline part may import parts of its own rank or lower. `text` is the leaf every stage
# shares; the parts around the pipeline (rank 9) may import anything.
RANKS = {
    "errors": 0, "config": 0, "model": 0, "text": 0,
    "ingest": 1, "segment": 2, "filter": 3, "select": 4, "compose": 5, "analyse": 6, "render": 7,
    "pipeline": 8,
}  # fmt: skip
AROUND = 9


def part_of(module: str) -> str:
    """``newsbrief.filter.dedupe`` -> ``filter``."""
    return module.split(".")[1] if module.count(".") else ""


def imports(path: Path) -> set[str]:
    """Every newsbrief module the file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsbrief."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("newsbrief."))
    return found


def test_no_module_imports_from_a_later_stage():
    late = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        own = RANKS.get(part_of(".".join(relative.parts)), AROUND)
        for module in imports(path):
            theirs = RANKS.get(part_of(module), AROUND)
            if theirs > own:
                late.append(f"{relative} imports {module}")
    assert late == []


def test_every_pipeline_stage_lives_in_the_part_its_name_says():
    from newsbrief.pipeline import STAGES

    parts = {stage.name: stage.run.__module__.split(".")[1] for stage in STAGES}
    assert parts == {
        "clean": "ingest", "segment": "segment", "dedupe": "filter", "off-topic": "filter", "select": "select",
        "attribute": "compose", "extract": "analyse",
    }  # fmt: skip


SQL = re.compile(r"\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (?:TABLE|INDEX)|PRAGMA)\b")


def test_no_sql_outside_the_store():
    """`newsbrief.store` is the one home of the schema and of every statement."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "store":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []

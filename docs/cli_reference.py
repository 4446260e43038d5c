"""Write docs/cli.md from the commands' own --help, so the reference never drifts from the code.

python docs/cli_reference.py > docs/cli.md      (what `make docs` runs; `make test` checks it is current)
"""

from __future__ import annotations

from click.testing import CliRunner

from newsbrief.cli import main


def reference() -> str:
    runner = CliRunner()
    parts = [
        "# Command-line reference",
        "",
        "Generated from `newsbrief --help` and `newsbrief COMMAND --help` by `make docs`; do not edit by hand.",
        "",
        "```",
        runner.invoke(main, ["--help"], terminal_width=100).stdout.rstrip(),
        "```",
    ]
    for name in sorted(main.commands):
        help_text = runner.invoke(main, [name, "--help"], terminal_width=100).stdout.rstrip()
        parts += ["", f"## newsbrief {name}", "", "```", help_text, "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(reference(), end="")

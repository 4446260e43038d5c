"""The docs describe what the code does: the CLI reference is current, and every command and setting is documented."""

import dataclasses
import importlib.util

import pytest

from newsbrief.cli import main
from newsbrief.config import Config

from .conftest import ROOT


def load_reference():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "docs" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.reference


def test_cli_reference_is_generated_from_the_current_help():
    current = (ROOT / "docs" / "cli.md").read_text()
    assert current == load_reference()(), "docs/cli.md is stale: run `make docs`"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(name):
    assert main.commands[name].help, f"command {name} has no help text"
    assert f"newsbrief {name}" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Config)])
def test_every_setting_is_documented(field):
    assert f"{field} (" in Config.__doc__

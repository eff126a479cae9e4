"""The README's configuration table lists exactly the variables the settings read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE_ONLY = {"HOST", "PORT"}


def variables_read_by_settings() -> set[str]:
    names = set()
    for path in (ROOT / "muhabir" / "settings").glob("*.py"):
        source = path.read_text()
        names |= set(re.findall(r"env\.\w+\(\s*\"([A-Z][A-Z0-9_]+)\"", source))
        names |= set(re.findall(r"_get\(environ, \"([A-Z][A-Z0-9_]+)\"\)", source))
    return names


def variables_in_readme() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", first_cell))
    return names


def test_settings_read_the_documented_variables():
    assert len(variables_read_by_settings()) >= 8


def test_every_variable_read_is_documented():
    assert variables_read_by_settings() - variables_in_readme() == set()


def test_every_documented_variable_is_read():
    assert variables_in_readme() - variables_read_by_settings() - MAKEFILE_ONLY == set()

"""The PropBank table (kg/extract/data/propbank/): the script that derives it from the frame files
in ../shared reproduces it byte for byte, it holds every roleset, and the loader reads real
entries from it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract.events.propbank import argument_nouns, roleset, rolesets
from kg.extract.lexicon import DATA, rows

from .conftest import ROOT, SHARED

SOURCE = SHARED / "lexicons" / "propbank-frames"
TABLE = DATA / "propbank"
SCRIPT = ROOT / "scripts" / "propbank_table.py"


@pytest.fixture(scope="module")
def remade(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The table as the script makes it now from ../shared (5 seconds)."""
    out = tmp_path_factory.mktemp("propbank")
    subprocess.run([sys.executable, str(SCRIPT), str(SOURCE), str(out)], check=True,
                   capture_output=True, timeout=300)
    return out


def ids(table: str, column: int = 0) -> set[str]:
    return {row[column] for row in rows(f"propbank/{table}.tsv")}


def test_the_script_reproduces_the_shipped_table(remade: Path) -> None:
    made = sorted(path.name for path in remade.iterdir())
    # NOTICE.md is the one file written by hand.
    assert made == sorted(path.name for path in TABLE.iterdir() if path.name != "NOTICE.md")
    for name in made:
        assert (remade / name).read_bytes() == (TABLE / name).read_bytes(), name


def test_the_table_holds_every_roleset_of_the_frames() -> None:
    """Counted without an XML parser, so that the two broken files count too. The frames'
    README says 11,198: that count leaves out check.xml (9 rolesets) and rend.xml (1), which
    are not well-formed; one id (overhang.01) is defined in two files."""
    pattern = re.compile(r'<roleset id="([^"]+)"')
    in_frames = {rid for path in (SOURCE / "frames").glob("*.xml")
                 for rid in pattern.findall(path.read_text(encoding="utf-8"))}
    assert ids("rolesets") == in_frames
    assert len(in_frames) == 11_207


def test_every_roleset_has_an_alias_and_every_reference_a_roleset() -> None:
    known = ids("rolesets")
    assert ids("aliases", 2) == known  # every roleset of PropBank 3.4 has an alias
    assert ids("roles") <= known and ids("modifiers") <= known and ids("argaliases", 2) <= known


def test_kill_01_has_an_agent_and_a_patient() -> None:
    kill = roleset("kill.01")
    assert (kill.role("ARG0").function, kill.role("ARG1").function) == ("PAG", "PPT")
    assert kill.role("ARG1").verbnet == "patient" and "of" in kill.role("ARG1").prepositions


def test_a_noun_finds_the_rolesets_of_its_event() -> None:
    assert "kill.01" in {found.id for found in rolesets("killing", "NOUN")}
    assert "kill.01" in {found.id for found in rolesets("Kill", "VERB")}


def test_a_noun_that_names_an_argument_is_an_argument_noun() -> None:
    (killer,) = [noun for noun in argument_nouns("killer") if noun.roleset == "kill.01"]
    assert killer.label == "ARG0" and killer.role == roleset("kill.01").role("ARG0")
    assert rolesets("killer", "NOUN") == ()  # it names the killer, not the killing


def test_a_multiword_alias_is_found_with_a_space_or_an_underscore() -> None:
    found = rolesets("set off", "VERB")
    assert found and found == rolesets("set_off", "VERB")
    assert all(one.id.startswith("set_off.") for one in found)


def test_a_word_without_a_roleset_has_none() -> None:
    assert rolesets("zzyzx", "VERB") == ()
    assert rolesets("kill", "AUX") == ()  # only verbs, nouns and adjectives are looked up
    assert argument_nouns("killing") == ()


def test_roles_and_modifiers_keep_the_prepositions_of_the_examples() -> None:
    assert roleset("arrest.01").role("ARG2").prepositions[0] == "on"  # "arrested on charges"
    assert roleset("live.01").modifier_prepositions("LOC") == ("in",)
    assert roleset("live.01").modifier_prepositions("DIR") == ()


def test_an_unknown_roleset_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        roleset("zzyzx.01")

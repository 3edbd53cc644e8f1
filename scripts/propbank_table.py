"""Derive kg's PropBank table (kg/extract/data/propbank/) from the PropBank 3.4 frame files.

    .venv/bin/python scripts/propbank_table.py ../shared/lexicons/propbank-frames OUT_DIR

Reads FRAMES/frames/*.xml and writes to OUT_DIR, byte-identical on every run:

  rolesets.tsv    roleset id, name                              (one row per roleset)
  aliases.tsv     alias, part of speech, roleset id             (words that name the predicate)
  argaliases.tsv  alias, part of speech, roleset id, role label (words that name an argument:
                  "killer" is the ARG0 of kill.01)
  roles.tsv       roleset id, number, function, description, VerbNet role, FrameNet role,
                  prepositions that begin the role's argument in the roleset's examples
  modifiers.tsv   roleset id, modifier function (LOC, TMP ...), prepositions that begin that
                  modifier in the roleset's examples
  LICENSE         the frames' licence (CC BY-SA 4.0), copied byte for byte

NOTICE.md beside the tables is written by hand. Standard library only.
"""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

Row = tuple[str, ...]

# Two files of PropBank 3.4 are not well-formed XML. Each repair is exact, so that a new
# release that fixes (or changes) these lines makes the script stop rather than guess.
REPAIRS = {
    "check.xml": ('start="4" end="4">in</rel>', 'start="4" end="4">in</arg>'),
    "rend.xml": ("src=COCA Corpus, Biblical reference>", 'src="COCA Corpus, Biblical reference">'),
}

# The words that begin a prepositional argument. A closed list, since the examples carry no
# part of speech; "to" also begins infinitives ("agreed to buy"), which the parse tells apart.
PREPOSITIONS = frozenset((
    "aboard", "about", "above", "across", "after", "against", "along", "alongside", "amid",
    "amidst", "among", "amongst", "around", "as", "at", "atop", "before", "behind", "below",
    "beneath", "beside", "besides", "between", "beyond", "by", "despite", "down", "during",
    "except", "for", "from", "in", "inside", "into", "like", "near", "of", "off", "on", "onto",
    "out", "outside", "over", "past", "per", "since", "than", "through", "throughout", "till",
    "to", "toward", "towards", "under", "underneath", "unlike", "until", "unto", "up", "upon",
    "versus", "via", "with", "within", "without",
))

# An argument of an example: a numbered one (ARG0) or a modifier (ARGM-LOC). R- (relative
# pronoun) and C- (continuation) pieces do not begin the argument, so they are left out.
ARGUMENT = re.compile(r"ARG(\d|M-[A-Z]+)")

SOURCE = """
# Derived from the PropBank 3.4 frame files by scripts/propbank_table.py (do not edit by hand).
# CC BY-SA 4.0, as the frames are: see LICENSE and NOTICE.md in this folder."""


def parse(path: Path) -> ET.Element:
    """The root of one frame file, repaired first if it is one of the two broken ones."""
    text = path.read_text(encoding="utf-8")
    if path.name in REPAIRS:
        old, new = REPAIRS[path.name]
        if text.count(old) != 1:
            sys.exit(f"{path}: the known defect {old!r} is not there once; check REPAIRS")
        text = text.replace(old, new)
    return ET.fromstring(text)


def rolesets(frames: Path) -> dict[str, ET.Element]:
    """Every roleset by id, sorted. One id is defined twice (overhang.01, in hang.xml and
    overhang.xml): the copy in the file named for the id's lemma wins, else the first."""
    found: dict[str, tuple[str, ET.Element]] = {}
    for path in sorted(frames.glob("*.xml")):
        for element in parse(path).iter("roleset"):
            rid, copy = element.get("id", ""), (path.name, element)
            if rid in found:
                kept, left = sorted((found[rid], copy), key=lambda c: c[0] != lemma(rid) + ".xml")
                print(f"{rid}: kept {kept[0]}, left {left[0]}", file=sys.stderr)
                copy = kept
            found[rid] = copy
    return {rid: found[rid][1] for rid in sorted(found)}


def lemma(rid: str) -> str:
    return rid.rpartition(".")[0]


def clean(text: str | None) -> str:
    """Text on one line: TSV has no room for tabs or newlines."""
    return " ".join((text or "").split())


def word(text: str | None) -> str:
    """An alias as kg looks it up: lower case, words joined by "_" as in "set_off" (the frames
    write every multiword alias so but one, "over with")."""
    return "_".join((text or "").lower().split())


def alias_rows(sets: dict[str, ET.Element]) -> Iterator[Row]:
    for rid, element in sets.items():
        for alias in element.iterfind("aliases/alias"):
            yield word(alias.text), alias.get("pos", ""), rid


def argalias_rows(sets: dict[str, ET.Element]) -> Iterator[Row]:
    for rid, element in sets.items():
        for alias in element.iterfind("aliases/argalias"):
            yield word(alias.text), alias.get("pos", ""), rid, "ARG" + alias.get("arg", "")


def roleset_rows(sets: dict[str, ET.Element]) -> Iterator[Row]:
    for rid, element in sets.items():
        yield rid, clean(element.get("name"))


def number(role: ET.Element) -> str:
    value = role.get("n", "")
    return value.upper() if value in ("m", "M") else value


def function(role: ET.Element) -> str:
    """The function tag in upper case ("pag" is PAG); "-" means none, as "" does."""
    value = role.get("f", "").strip().upper()
    return "" if value == "-" else value


def label(role: ET.Element) -> str:
    """The role as the examples name it: ARG0 for number 0, ARGM-LOC for a framed LOC."""
    return f"ARGM-{function(role)}" if number(role) == "M" else f"ARG{number(role)}"


def link(role: ET.Element, resource: str, versions: tuple[str, ...]) -> str:
    """The most frequent role name `role` links to in `resource`, from the first of `versions`
    that has any (ties: the first listed)."""
    for version in versions:
        names = [clean(rl.text) for rl in role.iterfind("rolelinks/rolelink")
                 if rl.get("resource", "").lower() == resource and rl.get("version") == version]
        if names:
            return Counter(names).most_common(1)[0][0]
    return ""


def prepositions(element: ET.Element) -> dict[str, Counter[str]]:
    """For each argument label of the roleset's examples, the prepositions that begin it. The
    argument's own text is read, not its token offsets, which the frames say may be wrong."""
    found: dict[str, Counter[str]] = {}
    for arg in element.iterfind("example/propbank/arg"):
        kind, tokens = arg.get("type", ""), (arg.text or "").lower().split()
        if ARGUMENT.fullmatch(kind) and tokens and tokens[0] in PREPOSITIONS:
            found.setdefault(kind, Counter())[tokens[0]] += 1
    return found


def counts(counter: Counter[str] | None) -> str:
    """Counts as "of:3,by:1": most frequent first, ties alphabetical."""
    ranked = sorted((counter or Counter()).items(), key=lambda item: (-item[1], item[0]))
    return ",".join(f"{prep}:{count}" for prep, count in ranked)


def role_rows(sets: dict[str, ET.Element]) -> Iterator[Row]:
    for rid, element in sets.items():
        found = prepositions(element)
        for role in element.iterfind("roles/role"):
            yield (rid, number(role), function(role), clean(role.get("descr")),
                   link(role, "verbnet", ("verbnet3.4", "verbnet3.3")),
                   link(role, "framenet", ("1.7",)), counts(found.get(label(role))))


def modifier_rows(sets: dict[str, ET.Element]) -> Iterator[Row]:
    for rid, element in sets.items():
        for kind, counter in prepositions(element).items():
            if kind.startswith("ARGM-"):
                yield rid, kind.removeprefix("ARGM-"), counts(counter)


def write(path: Path, header: str, rows: Iterable[Row], keep_order: bool = False) -> None:
    """A TSV file: its header comments, then the distinct rows, sorted unless `keep_order`."""
    distinct = list(dict.fromkeys(rows))
    lines = [*SOURCE.strip().splitlines(), *header.strip().splitlines(),
             *("\t".join(row) for row in (distinct if keep_order else sorted(distinct)))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def main(source: Path, out: Path) -> None:
    sets = rolesets(source / "frames")
    out.mkdir(parents=True, exist_ok=True)
    write(out / "rolesets.tsv", "# roleset\tname", roleset_rows(sets))
    write(out / "aliases.tsv", """
# Words that name a roleset's predicate: alias, part of speech, roleset.
# alias: lower case; a multiword alias joins its words with "_" ("set_off", "take_into_account").
# pos as in the frames: v verb, n noun, j adjective, r adverb, p preposition, l light-verb
#   construction ("take_action"), m multiword expression ("draw_attention"), x phrase with a
#   preposition ("on_fire"), f (only "path" of pathology.03).
# alias\tpos\troleset""", alias_rows(sets))
    write(out / "argaliases.tsv", """
# Words that name an argument of a roleset, not its event ("killer" is ARG0 of kill.01).
# alias\tpos\troleset\trole (ARG0 ... or ARGM-LOC)""", argalias_rows(sets))
    # Roles keep the frames' order within a roleset (ARG0 first), so they are not sorted.
    write(out / "roles.tsv", """
# The roles of each roleset, in the frames' order: number 0-6, or M for a modifier the roleset
# frames (its function names it: M LOC is ARGM-LOC). function: PAG agent, PPT patient or theme,
# GOL goal, LOC, DIR, MNR, ... (upper case; empty if none). verbnet: the most frequent VerbNet
# 3.4 role name the role links to, else 3.3. framenet: the most frequent FrameNet 1.7 role name.
# prepositions: those that begin this argument in the roleset's annotated examples, with
#   counts, most frequent first ("of:3,by:1"); empty if none does.
# roleset\tnumber\tfunction\tdescription\tverbnet\tframenet\tprepositions""",
          role_rows(sets), keep_order=True)
    write(out / "modifiers.tsv", """
# Prepositions that begin each modifier (ARGM-LOC, ARGM-TMP ...) in a roleset's annotated
# examples, with counts, most frequent first; only modifiers that some preposition begins.
# roleset\tmodifier\tprepositions""", modifier_rows(sets))
    shutil.copyfile(source / "LICENSE", out / "LICENSE")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))

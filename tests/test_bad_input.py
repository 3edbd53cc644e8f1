"""Bad input through the real `kg build`: each case is named, listed, counted, the rest is built.

README "Inputs", **Bad input**: bad input never stops a run; each bad record is reported once,
naming the file and the line or record, listed in `<invalid-dir>/rejected.jsonl`, counted, and
the other articles are built (exit code 3); control characters are replaced and warned about
(exit code 0). One case is one folder of tiny invented articles with one fault among them: a
good article before and after it in the same file, and a good file beside. Every case checks
the exit code, the summary's counts, the messages on stdout and stderr, rejected.jsonl, and the
exact article graphs in the store and in the `-o` N-Quads file.

Most cases run `kg build` in this process through click's CliRunner (the model loads once).
A few run a real `python -m kg build`: stdin through a pipe, a named pipe given by name (were
it opened, the run would wait forever), and unreadable files (as the user nobody: root reads
anything). A case kg gets wrong stays in the table, marked xfail in DEFECTS until it is fixed.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.commands import printable
from kg.store import Store

OK, PARTIAL = 0, 3  # README, "Exit codes"
LIMIT = {"KG_MAX_ARTICLE_CHARS": "200"}  # every good article below is shorter
BOM = b"\xef\xbb\xbf"


class Built(NamedTuple):
    """An article graph as the store and file hold it: its headline and its nif:isString."""

    headline: str
    text: str


class Problem(NamedTuple):
    """A record not built: its status, its origin as kg names it, and words its reason holds."""

    status: Literal["rejected", "duplicate"]
    origin: str
    words: str


def reject(origin: str, words: str) -> Problem:
    return Problem("rejected", origin, words)


def duplicate(origin: str, first: str) -> Problem:
    return Problem("duplicate", origin, f"the same article as {first} ")


@dataclass(frozen=True)
class Story:
    """An invented article, written in each input format."""

    date: str
    headline: str
    body: str
    url: str | None = None

    @property
    def built(self) -> Built:
        return Built(self.headline, f"{self.headline}\n\n{self.body}")

    def text_file(self) -> bytes:
        return f"date {self.date} {self.headline}\n\n{self.body}\n".encode()

    def record(self) -> dict[str, str]:
        fields = {"url": self.url, "date": self.date, "title": self.headline, "text": self.body}
        return {name: value for name, value in fields.items() if value is not None}

    def json_line(self) -> str:
        return json.dumps(self.record())

    def row(self, delimiter: str = ",") -> str:
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\n").writerow(
            [self.url or "", self.date, self.headline, self.body])
        return out.getvalue().rstrip("\n")


FERRY = Story("2025-03-04", "Ferry to Tern Island resumes",
              "The ferry from Port Lanner sailed again on Monday.", "https://news.example.org/ferry")
FROST = Story("2025-03-05", "Frost damages orchards in Vell",
              "A late frost damaged apple blossom in the Vell valley.")
BRIDGE = Story("2025-03-06", "Old bridge in Marrow closes",
               "The council of Marrow closed the old stone bridge on Thursday.")
LIBRARY = Story("2025-03-07", "Marrow library opens a wing",
                "The public library of Marrow opened a new wing on Friday.")
BESIDE = {"in/beside.txt": LIBRARY.text_file()}  # the good file beside every faulty one
GOOD = (FERRY.built, FROST.built, LIBRARY.built)
GOOD_FILES = {"in/a.txt": FERRY.text_file(), "in/z.txt": FROST.text_file(), **BESIDE}
DAM = '"date": "2025-03-06", "title": "Dam opens in Ostra"'  # most bad JSON records start so
LONG = "The dam opened. " * 16  # 256 characters: over the limit of 200 that LIMIT sets


@dataclass(frozen=True)
class Case:
    """One bad input among good ones, and everything `kg build` must make of it."""

    id: str
    files: Mapping[str, bytes]  # path under the case's folder -> content
    problems: tuple[Problem, ...] = ()  # in input order
    built: tuple[Built, ...] = GOOD
    warnings: tuple[str, ...] = ()  # words of each warning that is not a problem
    inputs: tuple[str, ...] = ("in",)
    args: tuple[str, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    stdin: bytes | None = None
    setup: Callable[[Path], None] | None = None  # what files cannot say: pipes, links, modes
    runner: Literal["cli", "process", "nobody"] = "cli"

    @property
    def exit_code(self) -> int:
        return PARTIAL if self.problems else OK


# The fault's place in each format: a text file between two good ones; a JSON line or a CSV
# record between two good ones in one file. `extra` is what the middle record builds when it is
# fine; `built=` replaces the whole expected set.


def txt(id: str, bad: bytes, *problems: Problem, extra: tuple[Built, ...] = (),
        **options: Any) -> Case:
    files = {**GOOD_FILES, "in/bad.txt": bad}
    return Case(id, files, problems, **{"built": GOOD + extra, **options})


def jsonl(id: str, bad: str | bytes, *problems: Problem, extra: tuple[Built, ...] = (),
          head: bytes = b"", newline: bytes = b"\n", **options: Any) -> Case:
    files = {"in/feed.jsonl": jsonl_feed(bad, head, newline), **BESIDE}
    return Case(id, files, problems, **{"built": GOOD + extra, **options})


def jsonl_feed(bad: str | bytes, head: bytes = b"", newline: bytes = b"\n") -> bytes:
    lines = [head + FERRY.json_line().encode(), _bytes(bad), FROST.json_line().encode(), b""]
    return newline.join(lines)


def table(id: str, bad: str | bytes, *problems: Problem, extra: tuple[Built, ...] = (),
          delimiter: str = ",", head: bytes = b"", newline: bytes = b"\n",
          **options: Any) -> Case:
    name = "in/feed.csv" if delimiter == "," else "in/feed.tsv"
    files = {name: table_feed(bad, delimiter, head, newline), **BESIDE}
    return Case(id, files, problems, **{"built": GOOD + extra, **options})


def table_feed(bad: str | bytes, delimiter: str = ",", head: bytes = b"",
               newline: bytes = b"\n") -> bytes:
    header = delimiter.join(["url", "date", "title", "text"]).encode()
    rows = [head + header, FERRY.row(delimiter).encode(), _bytes(bad),
            FROST.row(delimiter).encode(), b""]
    return newline.join(rows)


def lines(*rows: str) -> bytes:
    return "".join(f"{row}\n" for row in rows).encode()


def _bytes(data: str | bytes) -> bytes:
    return data.encode() if isinstance(data, str) else data


def headed(story: Story) -> dict[str, str]:
    """The story's JSON record with its title under the name "headline"."""
    return {"headline" if name == "title" else name: value
            for name, value in story.record().items()}


def fifo(name: str) -> Callable[[Path], None]:
    return lambda root: os.mkfifo(root / name)


def symlink(name: str, target: str) -> Callable[[Path], None]:
    return lambda root: (root / name).symlink_to(target)


def locked(*names: str) -> Callable[[Path], None]:
    def lock(root: Path) -> None:
        for name in names:
            (root / name).chmod(0)
    return lock


CONTROLLED = Built("Old bridge in Marrow closes", "Old bridge in Marrow closes\n\n"
                                                  "The council [31m closed the  bridge.")
LINE2 = "in/feed.jsonl line 2"
RECORD2 = "in/feed.csv record 2 (line 3)"
TSV2 = "in/feed.tsv record 2 (line 3)"
NOT_IRI = "is not an absolute IRI"

TEXT_CASES = [
    txt("txt-empty", b"", reject("in/bad.txt", "the file is empty")),
    txt("txt-blank-lines-only", b"\n  \n\t\n", reject("in/bad.txt", "the file is empty")),
    txt("txt-no-date-line", b"Dam opens in Ostra\n\nThe dam opened.\n",
        reject("in/bad.txt line 1", "the first line should be 'date YYYY-MM-DD headline'")),
    txt("txt-malformed-date", b"date 06.03.2025 Dam opens in Ostra\n\nThe dam opened.\n",
        reject("in/bad.txt line 1", "'06.03.2025' is not a date")),
    txt("txt-impossible-date", b"date 2025-02-30 Dam opens in Ostra\n\nThe dam opened.\n",
        reject("in/bad.txt line 1", "'2025-02-30' is not a real date")),
    txt("txt-bad-offset", b"date 2025-03-06T10:00:00+25:00 Dam opens\n\nThe dam opened.\n",
        reject("in/bad.txt line 1", "time-zone offset out of range")),
    txt("txt-empty-headline", b"date 2025-03-06\n\nThe dam opened.\n",
        reject("in/bad.txt line 1", "the headline is empty")),
    txt("txt-bad-date-after-blank-lines", b"\n\n  date 2025-13-01 Dam opens\n\nIt opened.\n",
        reject("in/bad.txt line 3", "'2025-13-01' is not a real date")),
    txt("txt-not-utf8", "date 2025-03-06 Dam opens\n\nThe caf\xe9 shut.\n".encode("latin-1"),
        reject("in/bad.txt line 3", "not valid UTF-8: byte 0xe9 at byte offset 34")),
    txt("txt-binary-junk", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01",
        reject("in/bad.txt line 3", "binary data, not text: NUL byte at byte offset 8")),
    txt("txt-nul-byte-in-body", b"date 2025-03-06 Dam opens\n\nThe dam\x00 opened.\n",
        reject("in/bad.txt line 3", "NUL byte at byte offset 34")),
    txt("txt-utf8-encoded-surrogate", b"date 2025-03-06 Dam opens\n\nHalf \xed\xa0\x80 pair.\n",
        reject("in/bad.txt line 3", "not valid UTF-8: byte 0xed")),
    txt("txt-over-max-chars", f"date 2025-03-06 Dam opens\n\n{LONG}\n".encode(),
        reject("in/bad.txt", "characters long, over the limit of 200"), env=LIMIT),
    txt("txt-file-too-large-to-read", f"date 2025-03-06 Dam\n\n{LONG * 4}\n".encode(),
        reject("in/bad.txt", "larger than 800 bytes"), env=LIMIT),
    txt("txt-bom-is-fine", BOM + BRIDGE.text_file(), extra=(BRIDGE.built,)),
    txt("txt-crlf-is-fine", BRIDGE.text_file().replace(b"\n", b"\r\n"), extra=(BRIDGE.built,)),
    txt("txt-control-chars-warned",
        b"date 2025-03-06 Old bridge\x07 in Marrow closes\n\n"
        b"The council\x1b[31m closed the\x08 bridge.\n", extra=(CONTROLLED,),
        warnings=("in/bad.txt: replaced control character(s) U+0007 with spaces",
                  "in/bad.txt: replaced control character(s) U+0008, U+001B with spaces")),
]

JSONL_CASES = [
    jsonl("jsonl-malformed", f"{{{DAM}, \"text\": }}",
          reject(LINE2, "not valid JSON: Expecting value (column 63)")),
    jsonl("jsonl-unterminated-string", '{"date": "2025-03-06", "title": "Dam opens',
          reject(LINE2, "a string is not closed before the end of the line")),
    jsonl("jsonl-a-list", f'[{{{DAM}, "text": "It opened."}}]',
          reject(LINE2, "a line must hold one JSON object {...}, but this holds a list")),
    jsonl("jsonl-a-number", "42", reject(LINE2, "but this holds the int 42")),
    jsonl("jsonl-a-string", '"Dam opens in Ostra"', reject(LINE2, "but this holds the str")),
    jsonl("jsonl-missing-title", '{"date": "2025-03-06", "text": "It opened."}',
          reject(LINE2, "the required field 'title' (the headline) is missing")),
    jsonl("jsonl-missing-text", f"{{{DAM}}}",
          reject(LINE2, "the required field 'text' (the article text) is missing")),
    jsonl("jsonl-missing-date", '{"title": "Dam opens in Ostra", "text": "It opened."}',
          reject(LINE2, "the required field 'date' (the publication date) is missing")),
    jsonl("jsonl-whitespace-only-text", f'{{{DAM}, "text": " \\n\\t "}}',
          reject(LINE2, "the field 'text' (the article text) is empty")),
    jsonl("jsonl-title-not-a-string", '{"date": "2025-03-06", "title": 7, "text": "It opened."}',
          reject(LINE2, "the field 'title' (the headline) must be a string, not a number")),
    jsonl("jsonl-malformed-date", '{"date": "06/03/2025", "title": "Dam", "text": "It opened."}',
          reject(LINE2, "field 'date': '06/03/2025' is not a date")),
    jsonl("jsonl-impossible-date", '{"date": "2025-02-30", "title": "Dam", "text": "It opened."}',
          reject(LINE2, "field 'date': '2025-02-30' is not a real date")),
    jsonl("jsonl-bad-offset",
          '{"date": "2025-03-06T10:00:00+24:00", "title": "Dam", "text": "It opened."}',
          reject(LINE2, "time-zone offset out of range: it must lie between -23:59 and +23:59")),
    jsonl("jsonl-lone-surrogate-title",
          '{"date": "2025-03-06", "title": "Dam \\ud800 opens", "text": "It opened."}',
          reject(LINE2, "the title holds a lone surrogate U+D800 at character 4, which is not")),
    jsonl("jsonl-lone-surrogate-text", f'{{{DAM}, "text": "It \\udc00 opened."}}',
          reject(LINE2, "the text holds a lone surrogate U+DC00 at character 3")),
    jsonl("jsonl-not-utf8", f'{{{DAM}, "text": "The caf\xe9 shut."}}'.encode("latin-1"),
          reject(LINE2, "not valid UTF-8: byte 0xe9")),
    jsonl("jsonl-binary-junk", b"\x89PNG\r\x1a\x00\x00\x00\rIHDR",
          reject(LINE2, "binary data, not text: NUL byte")),
    jsonl("jsonl-over-max-chars", f'{{{DAM}, "text": "{LONG}"}}',
          reject(LINE2, "characters long, over the limit of 200"), env=LIMIT),
    jsonl("jsonl-over-long-line", f'{{{DAM}, "text": "{"x" * 70_000}"}}',
          reject(LINE2, "the line is longer than 67,936 bytes"), env=LIMIT),
    jsonl("jsonl-url-with-space", f'{{"url": "https://news.example.org/a b", {DAM}, '
          '"text": "It opened."}', reject(LINE2, NOT_IRI)),
    jsonl("jsonl-url-with-quote", f'{{"url": "https://news.example.org/\\"q\\"", {DAM}, '
          '"text": "It opened."}', reject(LINE2, NOT_IRI)),
    jsonl("jsonl-url-with-brace", f'{{"url": "https://news.example.org/{{id}}", {DAM}, '
          '"text": "It opened."}', reject(LINE2, NOT_IRI)),
    jsonl("jsonl-url-with-backslash", f'{{"url": "https://news.example.org/a\\\\b", {DAM}, '
          '"text": "It opened."}', reject(LINE2, NOT_IRI)),
    jsonl("jsonl-url-with-newline", f'{{"url": "https://news.example.org/a\\nb", {DAM}, '
          '"text": "It opened."}', reject(LINE2, NOT_IRI)),
    jsonl("jsonl-url-bad-percent", f'{{"url": "https://news.example.org/%zz", {DAM}, '
          '"text": "It opened."}', reject(LINE2, NOT_IRI)),
    jsonl("jsonl-url-relative", f'{{"url": "../2025/dam.html", {DAM}, "text": "It opened."}}',
          reject(LINE2, NOT_IRI)),
    jsonl("jsonl-url-no-scheme", f'{{"url": "news.example.org/dam", {DAM}, '
          '"text": "It opened."}', reject(LINE2, NOT_IRI)),
    jsonl("jsonl-url-control-char", f'{{"url": "https://news.example.org/\\u0007", {DAM}, '
          '"text": "It opened."}', reject(LINE2, NOT_IRI)),
    jsonl("jsonl-url-not-a-string", f'{{"url": 5, {DAM}, "text": "It opened."}}',
          reject(LINE2, "the field 'url' (the URL) must be a string, not a number")),
    jsonl("jsonl-duplicate-url", json.dumps({**FERRY.record(), "title": "Ferry sails at last"}),
          duplicate(LINE2, "in/feed.jsonl line 1")),
    Case("jsonl-duplicate-date-and-headline", {
        "in/feed.jsonl": lines(FROST.json_line(), FERRY.json_line(), json.dumps(
            {**FROST.record(), "text": "Wire copy of the frost story."})), **BESIDE},
        (duplicate("in/feed.jsonl line 3", "in/feed.jsonl line 1"),)),
    Case("jsonl-two-bad-lines", {
        "in/feed.jsonl": lines("[]", FERRY.json_line(), "{", FROST.json_line()), **BESIDE},
        (reject("in/feed.jsonl line 1", "holds a list"),
         reject("in/feed.jsonl line 3", "not valid JSON"))),
    Case("jsonl-empty-file", {"in/feed.jsonl": b"", **BESIDE},
         (reject("in/feed.jsonl", "the file is empty"),), (LIBRARY.built,)),
    Case("jsonl-blank-lines-only", {"in/feed.jsonl": b"\n  \n\r\n", **BESIDE},
         (reject("in/feed.jsonl", "the file is empty"),), (LIBRARY.built,)),
    Case("jsonl-field-mapped-to-a-missing-key", {"in/feed.jsonl": lines(
        json.dumps(headed(FERRY)), f'{{{DAM}, "text": "It opened."}}', json.dumps(headed(FROST))),
        **BESIDE},
        (reject(LINE2, "the required field 'headline' (the headline) is missing"),),
        args=("--field", "title=headline"),
        warnings=(f"{LINE2}: ignoring unknown field(s) 'title'",)),
    jsonl("jsonl-bom-is-fine", BRIDGE.json_line(), head=BOM, extra=(BRIDGE.built,)),
    jsonl("jsonl-bom-mid-file", BOM + BRIDGE.json_line().encode(),  # feeds joined with cat
          reject(LINE2, "not valid JSON: Unexpected UTF-8 BOM")),
    jsonl("jsonl-crlf-is-fine", BRIDGE.json_line(), newline=b"\r\n", extra=(BRIDGE.built,)),
    jsonl("jsonl-unknown-field-warned", json.dumps({**BRIDGE.record(), "lang": "en"}),
          extra=(BRIDGE.built,),
          warnings=("in/feed.jsonl line 2: ignoring unknown field(s) 'lang'",)),
    jsonl("jsonl-control-chars-warned", json.dumps(
        {**BRIDGE.record(), "title": "Old bridge\u0007 in Marrow\u0000 closes",
         "text": "The council\u001b[31m closed the\b bridge."}), extra=(CONTROLLED,),
        warnings=(f"{LINE2}: replaced control character(s) U+0000, U+0007 with spaces",
                  f"{LINE2}: replaced control character(s) U+0008, U+001B with spaces")),
    jsonl("jsonl-del-and-c1-warned", json.dumps(
        {**BRIDGE.record(), "text": "The council\u007f closed the\u009b bridge."}),
        extra=(Built(BRIDGE.headline, f"{BRIDGE.headline}\n\nThe council  closed the  bridge."),),
        warnings=(f"{LINE2}: replaced control character(s) U+007F, U+009B with spaces",)),
]

CSV_CASES = [
    table("csv-empty-title", ",2025-03-06,,It opened.",
          reject(RECORD2, "the field 'title' (the headline) is empty")),
    table("csv-empty-date", ",,Dam opens in Ostra,It opened.",
          reject(RECORD2, "the field 'date' (the publication date) is empty")),
    table("csv-whitespace-only-text", ',2025-03-06,Dam opens in Ostra,"  \n "',
          reject(RECORD2, "the field 'text' (the article text) is empty")),
    table("csv-short-row", ",2025-03-06,Dam opens in Ostra",
          reject(RECORD2, "the record has 3 field(s) but the header has 4")),
    table("csv-extra-field", ",2025-03-06,Dam opens in Ostra,It opened.,Ostra",
          reject(RECORD2, "the record has 5 field(s) but the header has 4")),
    table("csv-malformed-date", ",6 March 2025,Dam opens in Ostra,It opened.",
          reject(RECORD2, "field 'date': '6 March 2025' is not a date")),
    table("csv-impossible-date", ",2025-02-30,Dam opens in Ostra,It opened.",
          reject(RECORD2, "'2025-02-30' is not a real date")),
    table("csv-url-with-brace", "https://news.example.org/{id},2025-03-06,Dam,It opened.",
          reject(RECORD2, NOT_IRI)),
    table("csv-url-no-scheme", "www.example.org/dam,2025-03-06,Dam,It opened.",
          reject(RECORD2, NOT_IRI)),
    table("csv-not-utf8", ",2025-03-06,Dam,The caf\xe9 shut.".encode("latin-1"),
          reject(RECORD2, "line 3: not valid UTF-8: byte 0xe9")),
    table("csv-nul-byte", b",2025-03-06,Dam,The dam\x00 opened.",
          reject(RECORD2, "binary data, not text: NUL byte")),
    table("csv-text-after-closing-quote", ',2025-03-06,Dam,"It opened" today',
          reject(RECORD2, "a quoted field goes on after its closing quote")),
    table("csv-over-max-chars", f",2025-03-06,Dam,{LONG}",
          reject(RECORD2, "characters long, over the limit of 200"), env=LIMIT),
    table("csv-duplicate-url", FERRY.row().replace(FERRY.headline, "Ferry sails at last"),
          duplicate(RECORD2, "in/feed.csv record 1 (line 2)")),
    Case("csv-unclosed-quote-at-the-end", {"in/feed.csv": lines(
        "url,date,title,text", FERRY.row(), FROST.row(), ',2025-03-06,Dam,"It opened.'), **BESIDE},
        (reject("in/feed.csv record 3 (line 4)", "the file ends inside a quoted field"),)),
    Case("csv-multiline-records-keep-line-numbers", {"in/feed.csv": lines(
        "url,date,title,text", f',{FROST.date},{FROST.headline},"{FROST.body}\n\n\n"',
        ',2025-02-30,Dam,"It\nopened."', FERRY.row()), **BESIDE},
        (reject("in/feed.csv record 2 (line 6)", "'2025-02-30' is not a real date"),)),
    Case("csv-header-lacks-a-column", {"in/feed.csv": b"url,title,text\n,Dam,It opened.\n",
                                       **BESIDE},
         (reject("in/feed.csv line 1", "the header row lacks the required column(s) 'date'"),),
         (LIBRARY.built,)),
    Case("csv-header-only", {"in/feed.csv": b"url,date,title,text\n", **BESIDE},
         (reject("in/feed.csv", "the file has a header row but no records"),), (LIBRARY.built,)),
    Case("csv-empty-file", {"in/feed.csv": b"", **BESIDE},
         (reject("in/feed.csv", "the file is empty: expected a header row"),), (LIBRARY.built,)),
    table("csv-field-mapped-to-a-missing-column", BRIDGE.row(),
          reject("in/feed.csv line 1", "the header row lacks the required column(s) 'body'"),
          built=(LIBRARY.built,), args=("--field", "text=body")),
    table("csv-bom-is-fine", BRIDGE.row(), head=BOM, extra=(BRIDGE.built,)),
    table("csv-bom-mid-file", BOM + BRIDGE.row().encode(),
          reject(RECORD2, "the url '\\ufeff' is not an absolute IRI")),
    table("csv-crlf-is-fine", BRIDGE.row(), newline=b"\r\n", extra=(BRIDGE.built,)),
    table("csv-control-chars-warned",
          ',2025-03-06,Old bridge\x07 in Marrow closes,The council\x1b[31m closed the\b bridge.',
          extra=(CONTROLLED,),
          warnings=(f"{RECORD2}: replaced control character(s) U+0007 with spaces",
                    f"{RECORD2}: replaced control character(s) U+0008, U+001B with spaces")),
    table("tsv-empty-text", "\t2025-03-06\tDam opens in Ostra\t ",
          reject(TSV2, "the field 'text' (the article text) is empty"), delimiter="\t"),
    table("tsv-short-row", "\t2025-03-06\tDam opens in Ostra",
          reject(TSV2, "the record has 3 field(s) but the header has 4"), delimiter="\t"),
    table("tsv-bad-offset", "\t2025-03-06T10:00-30:00\tDam\tIt opened.",
          reject(TSV2, "time-zone offset out of range"), delimiter="\t"),
    Case("tsv-header-only", {"in/feed.tsv": b"url\tdate\ttitle\ttext\n", **BESIDE},
         (reject("in/feed.tsv", "the file has a header row but no records"),), (LIBRARY.built,)),
    Case("tsv-mapped-fields-and-a-bad-record", {"in/feed.tsv": lines(
        "link\tpublished\theadline\tbody", FERRY.row("\t"), "\t2025-02-30\tDam\tIt opened.",
        FROST.row("\t")), **BESIDE},
        (reject(TSV2, "field 'published': '2025-02-30' is not a real date"),),
        args=("--field", "url=link", "--field", "date=published", "--field", "title=headline",
              "--field", "text=body")),
]

INPUT_CASES = [
    Case("named-pipe-in-a-folder", GOOD_FILES, (reject(
        "in/bad.txt", "not a regular file (a named pipe, socket or device)"),),
        setup=fifo("in/bad.txt")),
    Case("named-pipe-named", GOOD_FILES, (reject("pipe.txt", "not a regular file"),),
         inputs=("in", "pipe.txt"), setup=fifo("pipe.txt"), runner="process"),
    Case("broken-symlink", GOOD_FILES, (reject(
        "in/bad.txt", "cannot read the file: No such file or directory"),),
        setup=symlink("in/bad.txt", "gone.txt")),
    Case("symlink-loop", GOOD_FILES, (reject(
        "in/loop.txt", "cannot read the file: Too many levels of symbolic links"),),
        setup=symlink("in/loop.txt", "loop.txt")),
    # One process for both: root reads anything, so this one runs as the user nobody.
    Case("unreadable-file-and-folder", {
        **GOOD_FILES, "in/bad.txt": BRIDGE.text_file(), "in/locked/story.txt": BRIDGE.text_file()},
        (reject("in/bad.txt", "cannot read the file: Permission denied"),
         reject("in/locked", "cannot read the folder: Permission denied")),
        setup=locked("in/bad.txt", "in/locked"),
        runner="nobody"),
    Case("missing-path", GOOD_FILES, (reject("nope.txt", "no such file or directory"),),
         inputs=("in", "nope.txt")),
    Case("json-file-named", {**GOOD_FILES, "feed.json": f"[{BRIDGE.json_line()}]".encode()},
         (reject("feed.json", "kg does not read .json files; it reads .txt, .jsonl, .ndjson, "
                              ".csv, .tsv; for JSON, write one article object per line as "
                              "JSON Lines (.jsonl)"),), inputs=("in", "feed.json")),
    Case("markdown-file-named", {**GOOD_FILES, "notes.md": b"# Notes\n"},
         (reject("notes.md", "kg does not read .md files"),), inputs=("in", "notes.md")),
    Case("glob-matching-nothing", GOOD_FILES,
         (reject("in/*.xml", "the pattern matches no file kg reads"),), inputs=("in", "in/*.xml")),
    Case("glob-with-a-bad-file", {**GOOD_FILES, "in/bad.txt": b""},
         (reject("in/bad.txt", "the file is empty"),), inputs=("in/*.txt",)),
    Case("folder-without-articles", {**GOOD_FILES, "notes/readme.md": b"# Notes\n"},
         (reject("notes", "the directory holds no file kg reads"),), inputs=("in", "notes")),
    Case("file-name-with-an-escape", {**GOOD_FILES, "in/bad\x1b[2J.txt": b"date 06.03 Dam\n"},
         (reject("in/bad\x1b[2J.txt line 1", "'06.03' is not a date"),)),
    Case("several-bad-files-at-once", {
        **GOOD_FILES, "in/b.txt": b"", "in/feed.csv": b"url,date,title,text\n",
        "in/feed.jsonl": lines(BRIDGE.json_line(), "[]")},
        (reject("in/b.txt", "the file is empty"),
         reject("in/feed.csv", "the file has a header row but no records"),
         reject("in/feed.jsonl line 2", "but this holds a list")), GOOD + (BRIDGE.built,)),
    Case("stdin-text", BESIDE, (reject("<stdin> line 1", "'06.03.2025' is not a date"),),
         (LIBRARY.built,), inputs=("-", "in"), stdin=b"date 06.03.2025 Dam\n\nIt opened.\n"),
    Case("stdin-jsonl", BESIDE, (reject("<stdin> line 2", "not valid JSON"),),
         inputs=("-", "in"), args=("--stdin-format", "jsonl"), stdin=jsonl_feed("{"),
         runner="process"),
    Case("stdin-csv", BESIDE, (reject("<stdin> record 2 (line 3)", "is not a real date"),),
         inputs=("-", "in"), args=("--stdin-format", "csv"),
         stdin=table_feed(",2025-02-30,Dam,It opened.")),
    Case("stdin-empty", BESIDE, (reject("<stdin>", "the file is empty"),), (LIBRARY.built,),
         inputs=("-", "in"), stdin=b""),
    # README: a rejected input stops --prune (it may hold articles still there); a duplicate,
    # which was read, does not.
    txt("prune-held-back-by-a-rejected-file", b"", reject("in/bad.txt", "the file is empty"),
        args=("--prune",), warnings=("not pruning: 1 input(s) could not be read",)),
    jsonl("prune-not-held-back-by-a-duplicate", FERRY.json_line(),
          duplicate(LINE2, "in/feed.jsonl line 1"), args=("--prune",)),
    Case("duplicate-url-across-files", {
        "in/feed.jsonl": jsonl_feed(BRIDGE.json_line()), **BESIDE,
        "in/later.csv": lines("url,date,title,text", f"{FERRY.url},2025-03-09,Ferry again,Again.")},
        (duplicate("in/later.csv record 1 (line 2)", "in/feed.jsonl line 1"),),
        GOOD + (BRIDGE.built,)),
    Case("duplicate-date-and-headline-across-formats", {
        "in/a.txt": BRIDGE.text_file(), **BESIDE,
        "in/feed.jsonl": jsonl_feed(json.dumps({**BRIDGE.record(), "text": "Wire copy."}))},
        (duplicate("in/feed.jsonl line 2", "in/a.txt"),), GOOD + (BRIDGE.built,)),
]

# Cases where kg does not (yet) do what the README promises: case id -> what happens.
DEFECTS: dict[str, str] = {}  # case id: what kg gets wrong (the case is marked xfail)

CASES = TEXT_CASES + JSONL_CASES + CSV_CASES + INPUT_CASES


def params() -> list[Any]:
    return [pytest.param(case, id=case.id, marks=[pytest.mark.xfail(
        strict=True, reason=DEFECTS[case.id])] if case.id in DEFECTS else []) for case in CASES]


def test_the_table_has_at_least_50_distinct_cases() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) >= 50 and len(set(ids)) == len(ids)
    assert set(DEFECTS) <= set(ids)


@pytest.mark.parametrize("case", params())
def test_bad_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   caplog: pytest.LogCaptureFixture) -> None:
    with case_folder(case, tmp_path) as root:
        run = run_build(case, root, monkeypatch, caplog)
        check_run(case, run)
        check_rejects(case, root / "invalid")
        check_graphs(case, root)


# Running a case


class Run(NamedTuple):
    """What `kg build` said: its exit code, stdout, and the log lines it wrote to stderr."""

    exit_code: int
    stdout: str
    log: list[str]


AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
_LOG_LINE = re.compile(r"(DEBUG|INFO|WARNING|ERROR|CRITICAL) kg[.\w]*: ")


@contextmanager
def case_folder(case: Case, tmp_path: Path) -> Iterator[Path]:
    """A folder holding the case's files; one the user nobody may write to when it runs there."""
    root = tmp_path
    if case.runner == "nobody":  # pytest's tmp_path is in a folder only root may enter
        root = Path(tempfile.mkdtemp(prefix="kg-bad-input-"))
        root.chmod(0o777)
    try:
        for name, data in case.files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        if case.setup:
            case.setup(root)
        yield root
    finally:
        for folder, subfolders, names in os.walk(root):  # top-down: opened before entered
            for name in subfolders + names:
                if not os.path.islink(os.path.join(folder, name)):
                    os.chmod(os.path.join(folder, name), 0o755)
        if root != tmp_path:
            shutil.rmtree(root)


def build_args(case: Case) -> list[str]:
    return ["build", *case.inputs, "--store", "store", "-o", "out.nq",
            "--invalid-dir", "invalid", *case.args]


def run_build(case: Case, root: Path, monkeypatch: pytest.MonkeyPatch,
              caplog: pytest.LogCaptureFixture) -> Run:
    """`kg build` on the case, in this process (the model stays loaded) or in a real one."""
    if case.runner != "cli":
        return run_process(case, root)
    monkeypatch.chdir(root)
    caplog.set_level(logging.WARNING)
    result = CliRunner().invoke(main, build_args(case), input=case.stdin, env=dict(case.env))
    assert isinstance(result.exception, SystemExit | None), result.output
    # Under pytest the log records reach caplog, not the handler kg.cli sets up, which prints
    # them on stderr as "LEVEL name: message", made printable.
    log = [printable(f"{record.levelname} {record.name}: {record.getMessage()}")
           for record in caplog.records if record.name.startswith("kg")]
    return Run(result.exit_code, result.stdout, log)


def run_process(case: Case, root: Path) -> Run:
    """`python -m kg build` in `root`, as the user nobody when the case says so."""
    command = [sys.executable, "-m", "kg", *build_args(case)]
    if case.runner == "nobody" and os.geteuid() == 0:
        command = [*AS_NOBODY, *command]
    env = {**os.environ, "HOME": str(root), **case.env}
    done = subprocess.run(command, cwd=root, input=case.stdin or b"", capture_output=True,
                          env=env, timeout=300, check=False)
    stderr = done.stderr.decode("utf-8", "replace")
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"),
               [line for line in stderr.splitlines() if _LOG_LINE.match(line)])


# What must hold of every case

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PROBLEM = "WARNING kg.build: "
_PROBLEM_LINE = re.compile(r"WARNING kg\.build: (rejected|duplicate|invalid|failed): ")


def shown(text: str) -> str:
    """`text` as the README says kg prints it: control characters as escapes ("\\x1b")."""
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


def check_run(case: Case, run: Run) -> None:
    """Exit code, exact counts, and each problem named once on stdout and once on stderr."""
    said = "\n".join([run.stdout, *run.log])
    assert run.exit_code == case.exit_code, said
    counts = Counter(problem.status for problem in case.problems)
    lines = run.stdout.splitlines()
    assert lines[0] == (f"built {len(case.built)}, unchanged 0, invalid 0, "
                        f"rejected {counts['rejected']}, failed 0, removed 0, "
                        f"duplicate {counts['duplicate']}"), said
    assert ("not built (details in invalid/):" in lines) == bool(case.problems), said
    listed = [line for line in lines if line.startswith("  ")]
    logged = [line for line in run.log if _PROBLEM_LINE.match(line)]
    assert len(listed) == len(logged) == len(case.problems), said
    for problem, line, log in zip(case.problems, listed, logged, strict=True):
        named = f"{problem.status}: {shown(problem.origin)}: "
        assert line.startswith(f"  {named}") and problem.words in line, said
        assert log.startswith(f"{_PROBLEM}{named}") and problem.words in log, said
    others = [line for line in run.log if not _PROBLEM_LINE.match(line)]
    assert len(others) == len(case.warnings), said
    for words in case.warnings:
        assert sum(words in line for line in others) == 1, said


def check_rejects(case: Case, invalid: Path) -> None:
    """rejected.jsonl lists exactly the case's problems, in order; nothing else is set aside."""
    aside = sorted(path.name for path in invalid.iterdir()) if invalid.exists() else []
    assert aside == (["rejected.jsonl"] if case.problems else [])
    lines = (invalid / "rejected.jsonl").read_text(encoding="utf-8").splitlines() \
        if case.problems else []
    listed = [json.loads(line) for line in lines]
    assert [(item["status"], item["origin"]) for item in listed] == \
        [(problem.status, problem.origin) for problem in case.problems]
    for problem, item in zip(case.problems, listed, strict=True):
        assert problem.words in item["reason"], item


ARTICLES = """SELECT ?g ?headline ?text WHERE { GRAPH ?g {
  ?article a <https://schema.org/NewsArticle> ; <https://schema.org/headline> ?headline ;
    <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?text } }"""


def article_graphs(solutions: ox.QuerySolutions) -> list[tuple[str, Built]]:
    """Each article graph with its headline and text, sorted by graph name."""
    return sorted((row["g"].value, Built(row["headline"].value, row["text"].value))
                  for row in solutions)


def check_graphs(case: Case, root: Path) -> None:
    """The store and the N-Quads file hold exactly the good articles, each in one graph, whole;
    the file holds the run's graph beside them and nothing else."""
    with Store(root / "store") as store:
        solutions = store.query(ARTICLES)
        assert isinstance(solutions, ox.QuerySolutions)
        stored = article_graphs(solutions)
    written = ox.Store()
    written.load(path=str(root / "out.nq"), format=ox.RdfFormat.N_QUADS)
    solutions = written.query(ARTICLES)
    assert isinstance(solutions, ox.QuerySolutions)
    in_file = article_graphs(solutions)
    assert sorted(built for _, built in stored) == sorted(case.built)
    assert in_file == stored
    names = {graph.value for graph in written.named_graphs()} - {name for name, _ in stored}
    assert len(names) == 1 and "/run/" in names.pop()
    assert len({name for name, _ in stored}) == len(stored)  # one article a graph

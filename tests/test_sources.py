"""The source readers: every format, field mapping, inputs, and each kind of bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.model import PARAGRAPH_BREAK, Article, Rejected
from kg.sources import EXTENSIONS, READERS, read_sources
from kg.sources.common import join_paragraphs, make_options
from kg.sources.csvfile import read_csv, read_tsv
from kg.sources.jsonlines import read_jsonl
from kg.sources.textfile import read_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "sources"
SHARED = Path(__file__).resolve().parents[2] / "shared"
UTC = dt.UTC


def read(*inputs: str | Path, **options: object) -> list[Article | Rejected]:
    return list(read_sources([str(item) for item in inputs], **options))  # type: ignore[arg-type]


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def articles(results: list[Article | Rejected]) -> list[Article]:
    return [item for item in results if isinstance(item, Article)]


def rejected(results: list[Article | Rejected]) -> list[Rejected]:
    return [item for item in results if isinstance(item, Rejected)]


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def only_rejection(results: list[Article | Rejected]) -> Rejected:
    assert len(results) == 1 and isinstance(results[0], Rejected), results
    return results[0]


# The registry


def test_registry_lists_every_format_and_extension() -> None:
    assert READERS == {"text": read_text, "jsonl": read_jsonl, "csv": read_csv, "tsv": read_tsv}
    assert EXTENSIONS == {".txt": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
                          ".csv": "csv", ".tsv": "tsv"}
    assert set(EXTENSIONS.values()) <= set(READERS)


# Paragraphs


def test_paragraphs_split_at_blank_lines_and_keep_single_newlines() -> None:
    text = "  one\n two  \n\n \t \n\n\nthree\r\nfour\r\n\r\n five "
    assert join_paragraphs(text).split(PARAGRAPH_BREAK) == ["one\n two", "three\nfour", "five"]
    assert join_paragraphs(" \n\n \n") == ""


# The text format


def test_text_file_gives_headline_date_and_paragraphs() -> None:
    [article] = read(fixture("article.txt"))
    assert isinstance(article, Article)
    assert article.headline == "Harbour cranes idle in Gdansk as talks stall"
    assert article.published == dt.date(2025, 2, 3)
    assert article.body.split(PARAGRAPH_BREAK) == [
        ("GDANSK, Feb 3 - Cranes at the container terminal stood idle on Monday.\n"
         "The operator said talks would resume on Wednesday."),
        "Union leader Marek Nowak said members were ready to wait.",
        "No ships left the port overnight.",
    ]
    assert article.url is None
    assert article.origin == fixture("article.txt")


def test_text_file_with_headline_only_has_empty_body() -> None:
    [article] = read(fixture("headline-only.txt"))
    assert isinstance(article, Article)
    assert (article.headline, article.body) == ("Ministry confirms meeting, gives no details", "")


def test_text_file_with_bom_crlf_and_datetime(tmp_path: Path) -> None:
    data = "\ufeffdate 2025-02-03T10:00:00Z Crane falls in Rijeka\r\n\r\nOne.\r\nTwo.\r\n".encode()
    [article] = read(write(tmp_path, "bom.txt", data))
    assert isinstance(article, Article)
    assert article.headline == "Crane falls in Rijeka"
    assert article.published == dt.datetime(2025, 2, 3, 10, tzinfo=UTC)
    assert article.body == "One.\nTwo."


@pytest.mark.parametrize(("name", "line", "words"), [
    ("no-date-line.txt", 1, "first line should be 'date YYYY-MM-DD headline'"),
    ("malformed-date.txt", 1, "'03.02.2025' is not a date"),
    ("impossible-date.txt", 2, "'2024-02-30' is not a real date"),
    ("empty-headline.txt", 1, "headline is empty"),
])
def test_bad_date_line_is_rejected_with_its_line(name: str, line: int, words: str) -> None:
    rejection = only_rejection(read(fixture(name)))
    assert rejection.origin == f"{fixture(name)} line {line}"
    assert words in rejection.reason


def test_empty_text_file_is_rejected() -> None:
    rejection = only_rejection(read(fixture("empty.txt")))
    assert rejection.origin == fixture("empty.txt")
    assert "empty" in rejection.reason


def test_text_file_that_is_not_utf8_names_line_and_offset(tmp_path: Path) -> None:
    data = "date 2025-02-03 Caf\u00e9s\n\nna\u00efve\n".encode("latin-1")
    path = write(tmp_path, "latin1.txt", data)
    rejection = only_rejection(read(path))
    assert rejection.origin == f"{path} line 1"
    assert "not valid UTF-8" in rejection.reason and "0xe9" in rejection.reason
    assert "byte offset 19" in rejection.reason


def test_binary_file_is_rejected_as_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "junk.txt", b"date 2025-02-03 x\n\n\x89PNG\x00\x00\x01")
    rejection = only_rejection(read(path))
    assert rejection.origin == f"{path} line 3"
    assert "binary" in rejection.reason and "NUL" in rejection.reason


def test_article_over_max_chars_is_rejected_with_size_and_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", b"date 2025-02-03 Long\n\n" + b"word " * 30)
    rejection = only_rejection(read(path, max_chars=100))
    assert rejection.origin == path
    assert "155 characters long" in rejection.reason and "limit of 100" in rejection.reason
    assert isinstance(read(path, max_chars=200)[0], Article)


def test_huge_text_file_is_rejected_without_reading_it_all() -> None:
    stream = io.BytesIO(b"date 2025-02-03 Huge\n\n" + b"x" * 10_000)
    [rejection] = read_text(stream, "huge.txt", make_options(None, 100))
    assert isinstance(rejection, Rejected)
    assert "larger than 400 bytes" in rejection.reason
    assert stream.tell() == 401


# JSON Lines


def test_jsonl_good_lines_come_out_between_bad_ones() -> None:
    results = read(fixture("feed.jsonl"))
    good = articles(results)
    assert [a.headline for a in good] == ["Ferry service resumes in Split",
                                         "Snow closes Zagreb airport",
                                         "Rail strike called off in Ljubljana"]
    assert good[0].body == "SPLIT, Feb 3 - Ferries sailed again on Monday." + PARAGRAPH_BREAK + \
        "The port authority said the storm had passed."
    assert good[0].url == "https://news.example.org/1"
    assert good[0].origin == fixture("feed.jsonl") + " line 1"
    assert good[1].published == dt.datetime(2025, 2, 4, 6, 15,
                                            tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert good[2].url is None


@pytest.mark.parametrize(("line", "words"), [
    (2, "not valid JSON"),
    (3, "must hold one JSON object"),
    (4, "required field 'title' (the headline) is missing"),
    (5, "field 'text' (the article text) is empty"),
    (6, "'2024-02-30' is not a real date"),
    (9, "must be a string, not a number"),
])
def test_jsonl_bad_line_gives_one_rejection_naming_the_line(line: int, words: str) -> None:
    found = [r for r in rejected(read(fixture("feed.jsonl")))
             if r.origin == f"{fixture('feed.jsonl')} line {line}"]
    assert len(found) == 1 and words in found[0].reason, found


def test_jsonl_rejects_exactly_the_bad_lines_in_order() -> None:
    results = read(fixture("feed.jsonl"))
    lines = [int(item.origin.rsplit(" ", 1)[1]) for item in results]
    assert lines == [1, 2, 3, 4, 5, 6, 8, 9, 10]  # line 7 is blank: skipped, not rejected


def test_jsonl_byte_problems_reject_only_that_line(tmp_path: Path) -> None:
    good = b'{"date": "2025-02-03", "title": "Good", "text": "Fine."}\n'
    latin1 = b'{"date": "2025-02-03", "title": "Caf\xe9"}\n'
    path = write(tmp_path, "bytes.ndjson", b"\xef\xbb\xbf" + good + latin1 + b"\x00\x00\n" + good)
    results = read(path)
    assert [type(item) for item in results] == [Article, Rejected, Rejected, Article]
    latin, nul = rejected(results)
    assert latin.origin == f"{path} line 2" and "not valid UTF-8" in latin.reason
    assert f"byte offset {3 + len(good) + latin1.index(0xE9)}" in latin.reason
    assert nul.origin == f"{path} line 3" and "binary" in nul.reason


def test_jsonl_over_long_line_is_rejected_and_the_next_line_read(tmp_path: Path) -> None:
    good = b'{"date": "2025-02-03", "title": "A", "text": "B."}\n'
    path = write(tmp_path, "long.jsonl", b'{"text": "' + b"x" * 70_000 + b'"}\n' + good)
    results = read(path, max_chars=10)
    assert isinstance(results[0], Rejected) and "longer than 65,656 bytes" in results[0].reason
    assert isinstance(results[1], Article) and results[1].origin == f"{path} line 2"


def test_empty_jsonl_file_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.jsonl", b"\n \n")
    assert "empty" in only_rejection(read(path)).reason


def test_headline_line_breaks_become_spaces(tmp_path: Path) -> None:
    line = b'{"date": "2025-02-03", "title": " Two\\n\\nlines ", "text": "Body."}\n'
    [article] = read(write(tmp_path, "title.jsonl", line))
    assert isinstance(article, Article) and article.headline == "Two lines"
    assert article.paragraphs() == [(0, 9), (11, 16)]


def test_unknown_fields_are_warned_once_per_file(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kg.sources"):
        read(fixture("feed.jsonl"), fixture("feed.csv"))
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert messages[0].startswith(fixture("feed.jsonl") + " line 8")
    assert "'author', 'lang'" in messages[0] and "section" not in messages[0]
    assert messages[1].startswith(fixture("feed.csv") + " line 1") and "'section'" in messages[1]


# CSV and TSV


def test_csv_reads_quoted_multiline_fields() -> None:
    good = articles(read(fixture("feed.csv")))
    assert [a.headline for a in good] == ["Tram fares rise in Brno", "Bridge reopens in Bratislava"]
    assert good[0].body == "BRNO, Feb 3 - Fares rose by 10 percent." + PARAGRAPH_BREAK + \
        'The city council said, "We had no choice."'
    assert good[0].origin == fixture("feed.csv") + " record 1 (line 2)"
    assert good[1].origin == fixture("feed.csv") + " record 5 (line 10)"
    assert good[1].body == "BRATISLAVA, Feb 4 - The bridge reopened.\nTraffic was light."
    assert good[1].url is None
    assert good[1].published == dt.datetime(2025, 2, 4, 8, tzinfo=UTC)


@pytest.mark.parametrize(("record", "line", "words"), [
    (2, 6, "the record has 3 field(s) but the header has 5"),
    (3, 7, "field 'title' (the headline) is empty"),
    (4, 9, "'2024-02-30' is not a real date"),
])
def test_csv_bad_record_names_record_and_line(record: int, line: int, words: str) -> None:
    origin = f"{fixture('feed.csv')} record {record} (line {line})"
    found = [r for r in rejected(read(fixture("feed.csv"))) if r.origin == origin]
    assert len(found) == 1 and words in found[0].reason, found


def test_csv_rejects_only_bad_records(tmp_path: Path) -> None:
    data = ('url,date,title,text\n,2025-02-03,One,"First\n\nparagraphs"\n'
            ',2025-02-03,Caf\xe9,"Bad\nbytes"\n,2025-02-03,Nul,"a\x00b"\n,2025-02-03,Four,Last\n')
    path = write(tmp_path, "mixed.csv", data.encode("latin-1"))
    results = read(path)
    assert [type(item) for item in results] == [Article, Rejected, Rejected, Article]
    latin, nul = rejected(results)
    assert latin.origin == f"{path} record 2 (line 5)"
    assert "line 5: not valid UTF-8: byte 0xe9" in latin.reason
    assert nul.origin == f"{path} record 3 (line 7)" and "binary" in nul.reason
    assert results[3].origin == f"{path} record 4 (line 8)"


@pytest.mark.parametrize(("tail", "words"), [
    (',2025-02-03,Two,"never closed\nto the end\n', "a quote is not closed"),
    (',2025-02-03,Two,"closed" too early\n', "goes on after its closing quote"),
])
def test_csv_quoting_errors_are_rejected(tmp_path: Path, tail: str, words: str) -> None:
    data = "url,date,title,text\n,2025-02-03,One,First\n" + tail
    results = read(write(tmp_path, "quotes.csv", data.encode()))
    assert [type(item) for item in results] == [Article, Rejected]
    assert results[1].origin.endswith("record 2 (line 3)")
    assert words in rejected(results)[0].reason


def test_csv_without_a_required_column_gives_one_rejection(tmp_path: Path) -> None:
    path = write(tmp_path, "nodate.csv", b"url,title,text\n,One,First\n,Two,Second\n")
    rejection = only_rejection(read(path))
    assert rejection.origin == f"{path} line 1"
    assert "lacks the required column(s) 'date'" in rejection.reason


@pytest.mark.parametrize(("data", "words"), [
    (b"", "empty"),
    (b"url,date,title,text\n", "no records"),
])
def test_empty_csv_is_rejected(tmp_path: Path, data: bytes, words: str) -> None:
    assert words in only_rejection(read(write(tmp_path, "empty.csv", data))).reason


def test_tsv_with_field_mapping() -> None:
    fields = {"url": "link", "date": "published", "title": "headline", "text": "body"}
    [article] = read(fixture("mapped.tsv"), fields=fields)
    assert isinstance(article, Article)
    assert (article.headline, article.published) == ("Port of Koper expands", dt.date(2025, 2, 6))
    assert article.url == "https://news.example.org/t1"
    assert article.body == "KOPER, Feb 6 - A new berth opened."


# Field mapping


def test_jsonl_with_field_mapping() -> None:
    fields = {"url": "link", "date": "published", "title": "headline", "text": "body"}
    [article] = read(fixture("mapped.jsonl"), fields=fields)
    assert isinstance(article, Article)
    assert article.headline == "Port of Rijeka hires 200"
    assert article.body == "RIJEKA, Feb 6 - The port hired 200 workers." + PARAGRAPH_BREAK + \
        "More will follow."
    assert article.url == "https://news.example.org/m1"


def test_unmapped_names_are_missing_fields() -> None:
    rejection = only_rejection(read(fixture("mapped.jsonl")))
    assert "required field 'date'" in rejection.reason and "map it with fields" in rejection.reason


@pytest.mark.parametrize("fields", [{"titel": "headline"}, {"title": "text"}, {"title": ""}])
def test_bad_field_mapping_fails_before_reading(fields: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        read_sources([fixture("mapped.jsonl")], fields=fields)


# Inputs: directories, globs, stdin, missing paths


def test_directory_is_read_recursively_sorted_without_hidden_or_unknown_files() -> None:
    results = read(fixture("tree"))
    assert [a.headline for a in articles(results)] == ["First", "Second", "Third", "Fourth"]
    assert [item.origin for item in results] == [
        fixture("tree/a/one.txt"), fixture("tree/a-two.txt"),
        fixture("tree/b/feed.jsonl") + " line 1", fixture("tree/b/feed.jsonl") + " line 2"]


def test_glob_pattern_reads_matches_in_sorted_order() -> None:
    results = read(FIXTURES / "tree" / "**" / "*.txt", FIXTURES / "*-date*.txt")
    assert [item.origin.rsplit("/", 1)[1] for item in results] == [
        "one.txt", "a-two.txt", "impossible-date.txt line 2", "malformed-date.txt line 1",
        "no-date-line.txt line 1"]


@pytest.mark.parametrize(("name", "words"), [
    ("missing.txt", "no such file or directory"),
    ("*.nothing", "matches no file kg reads"),
    ("notes.md", "does not read .md files"),
])
def test_unreadable_input_gives_a_rejection_naming_it(name: str, words: str) -> None:
    rejection = only_rejection(read(fixture(name)))
    assert rejection.origin == fixture(name) and words in rejection.reason


def test_empty_directory_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing to read")
    assert "holds no file kg reads" in only_rejection(read(tmp_path)).reason


@pytest.mark.parametrize(("fmt", "data", "origin"), [
    ("text", "date 2025-02-07 From stdin\n\nBody.\n", "<stdin>"),
    ("jsonl", '\n{"date": "2025-02-07", "title": "From stdin", "text": "Body."}\n',
     "<stdin> line 2"),
    ("csv", "date,title,text\n2025-02-07,From stdin,Body.\n", "<stdin> record 1 (line 2)"),
])
def test_stdin_in_each_format(monkeypatch: pytest.MonkeyPatch, fmt: str, data: str,
                              origin: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(data))
    [article] = read("-", stdin_format=fmt)
    assert isinstance(article, Article)
    assert (article.headline, article.body, article.origin) == ("From stdin", "Body.", origin)


def test_unknown_stdin_format_fails_before_reading() -> None:
    with pytest.raises(ConfigError):
        read_sources(["-"], stdin_format="xml")


def test_output_follows_input_order_and_is_repeatable() -> None:
    inputs = [fixture("tree/b/feed.jsonl"), fixture("article.txt"), fixture("tree")]
    first, second = read(*inputs), read(*inputs)
    assert first == second
    assert [getattr(item, "headline", "") for item in first] == [
        "Third", "Fourth", "Harbour cranes idle in Gdansk as talks stall",
        "First", "Second", "Third", "Fourth"]


# The project's examples and the shared corpus


def test_example_articles_and_feeds_read_cleanly() -> None:
    examples = ROOT / "examples"
    stories = read(examples / "articles")
    assert len(stories) == 4 and not rejected(stories)
    for story in articles(stories):
        assert story.published == dt.date(2025, 3, 14)
        assert 5 <= len(story.body.split(PARAGRAPH_BREAK)) <= 10
    feeds = read(examples / "feeds")
    assert not rejected(feeds)
    assert sorted(Path(a.origin.split(" ")[0]).name for a in articles(feeds)) == \
        ["wire.csv"] * 2 + ["wire.jsonl"] * 3


def test_real_seed_article() -> None:
    [article] = read(SHARED / "corpus" / "seed")
    assert isinstance(article, Article)
    assert article.headline.startswith("Ministry of Defense:")
    assert article.published == dt.date(2024, 6, 26)
    assert article.body.startswith("Pentagon Chief Lloyd Austin")
    assert "\n\n\n" not in article.body


def test_real_wikinews_csv() -> None:
    results = read(SHARED / "corpus" / "wikinews" / "wikinews-2019.csv")
    assert len(results) == 171 and not rejected(results)
    for article in articles(results):
        assert article.url and article.url.startswith("https://en.wikinews.org/")
        assert all(part == part.strip() and part for part in article.body.split(PARAGRAPH_BREAK))


# URLs: the article's identity and its schema:url, so it must be an IRI the RDF writers accept

BAD_URLS = ["https://news.example.org/a b", 'https://news.example.org/"q"',
            "https://news.example.org/{id}", "https://news.example.org/a\\b",
            "https://news.example.org/a\nb", "news/2025/relative.html",
            "https://news.example.org/%zz", "https://news.example.org/\u0007"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_url_that_is_not_an_iri_rejects_its_record_only(tmp_path: Path, url: str) -> None:
    lines = [{"url": "https://news.example.org/ok-1", "date": "2025-02-03", "title": "One",
              "text": "First."},
             {"url": url, "date": "2025-02-03", "title": "Two", "text": "Second."},
             {"url": "https://news.example.org/ok-3", "date": "2025-02-03", "title": "Three",
              "text": "Third."}]
    path = write(tmp_path, "feed.jsonl", "".join(json.dumps(x) + "\n" for x in lines).encode())
    results = read(path)
    assert [a.headline for a in articles(results)] == ["One", "Three"]
    (bad,) = rejected(results)
    assert bad.origin == f"{path} line 2"
    assert "is not an absolute IRI" in bad.reason and repr(url.strip()) in bad.reason


# Folders: what cannot be read is reported in its place, never skipped without a word

ARTICLE = b"date 2025-01-02 Ferry resumes\n\nThe ferry sailed again.\n"


def test_an_unreadable_folder_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    """Run as an unprivileged user (root reads any folder): the permission check is real."""
    top = Path(tempfile.mkdtemp(prefix="kg-locked-"))
    try:
        top.chmod(0o755)
        for name in ("a-open", "b-locked"):
            (top / name).mkdir()
            (top / name / "story.txt").write_bytes(ARTICLE)
        (top / "b-locked").chmod(0)
        script = ("import json; from kg.sources import read_sources\n"
                  f"for r in read_sources([{str(top)!r}]):\n"
                  "    print(json.dumps([type(r).__name__, r.origin, getattr(r, 'reason', '')]))")
        user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        command = [*(user if os.geteuid() == 0 else []), sys.executable, "-c", script]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        results = [json.loads(line) for line in done.stdout.splitlines()]
        assert results == [["Article", str(top / "a-open" / "story.txt"), ""],
                           ["Rejected", str(top / "b-locked"),
                            "cannot read the folder: Permission denied"]]
    finally:
        (top / "b-locked").chmod(0o755)
        shutil.rmtree(top)


def test_a_linked_folder_is_read_once_and_a_link_loop_ends(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.txt").write_bytes(ARTICLE)
    top = tmp_path / "in"
    top.mkdir()
    (top / "own.txt").write_bytes(ARTICLE)
    (top / "link").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "back").symlink_to(top, target_is_directory=True)  # a loop
    results = read(top)
    assert [a.origin for a in articles(results)] == [str(top / "link" / "linked.txt"),
                                                    str(top / "own.txt")]
    assert rejected(results) == []


def test_a_named_pipe_is_reported_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    os.mkfifo(tmp_path / "b.txt")
    results = read(tmp_path)
    assert [a.origin for a in articles(results)] == [str(tmp_path / "a.txt")]
    (pipe,) = rejected(results)
    assert pipe.origin == str(tmp_path / "b.txt") and "not a regular file" in pipe.reason
    (named,) = read(tmp_path / "b.txt")
    assert isinstance(named, Rejected) and "not a regular file" in named.reason


def test_control_characters_become_spaces_and_are_named(tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    title = "Bell\u0007 rings in Vard\u001b[31m"
    text = "Null\u0000 and back\bspace, said the mayor."
    path = write(tmp_path, "feed.jsonl", (json.dumps({"date": "2025-05-01", "title": title,
                                                      "text": text}) + "\n").encode())
    with caplog.at_level(logging.WARNING, logger="kg.sources"):
        (article,) = articles(read(path))
    assert article.headline == "Bell rings in Vard [31m"  # a headline's spaces are collapsed
    assert article.body == "Null  and back space, said the mayor."
    assert len(article.body) == len(text)  # one for one: offsets still match the input
    assert f"{path} line 1: replaced control character(s) U+0007, U+001B" in caplog.text
    assert "U+0000, U+0008" in caplog.text


@pytest.mark.parametrize(("line", "words"), [
    ('{"date": "2025-01-02", "title": "Open', "a string is not closed before the end of the line"),
    ('{"date": "2025-01-02T10:00:00+25:00", "title": "T", "text": "B"}',
     "time-zone offset out of range: it must lie between -23:59 and +23:59"),
    ('{"date": "2025-01-02", "title": "Half \\ud800 pair", "text": "B"}',
     "the title holds a lone surrogate U+D800 at character 5, which is not text"),
])
def test_a_bad_line_is_said_as_a_person_would(tmp_path: Path, line: str, words: str) -> None:
    path = write(tmp_path, "feed.jsonl", (line + "\n").encode())
    (bad,) = rejected(read(path))
    assert bad.origin == f"{path} line 1" and words in bad.reason


def test_a_json_file_is_told_that_json_lines_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.json", b'[{"date": "2025-01-02", "title": "T", "text": "B"}]')
    (bad,) = rejected(read(path))
    assert "kg does not read .json files" in bad.reason and "JSON Lines (.jsonl)" in bad.reason

"""The dump files to download: only files inside the dumps folder, never a path out of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from werkzeug.utils import send_file
from werkzeug.wrappers import Request, Response

from kg.serve.errors import HttpProblem

# Suffix -> media type: a gzipped dump (.nq.gz) is served as what it is, gzip.
_TYPES = {
    ".nq": "application/n-quads", ".trig": "application/trig", ".ttl": "text/turtle",
    ".nt": "application/n-triples", ".jsonld": "application/ld+json", ".json": "application/json",
    ".rdf": "application/rdf+xml", ".gz": "application/gzip", ".txt": "text/plain",
    ".csv": "text/csv", ".html": "text/html",
}


@dataclass(frozen=True)
class DumpFile:
    """A file of the dumps folder: its path relative to the folder, and its size."""

    name: str
    size: int


def list_dumps(folder: Path) -> list[DumpFile]:
    """The files of `folder` and its subfolders (hidden ones left out), by name."""
    root = folder.resolve()
    # A link that leads out of the folder is not listed (nor served: send_dump).
    files = [path for path in root.rglob("*") if path.is_file() and _visible(path, root)
             and path.resolve().is_relative_to(root)]
    return [DumpFile(path.relative_to(root).as_posix(), path.stat().st_size)
            for path in sorted(files)]


def send_dump(request: Request, folder: Path, name: str) -> Response:
    """The dump file `name`; 404 for anything not a visible file inside `folder`."""
    root = folder.resolve()
    if "\x00" in name:  # no file name holds one; the file system would refuse it with an error
        raise HttpProblem(404, f"no dump file {name!r}", "see /dumps/ for the files there are")
    target = (root / name).resolve()  # resolves "..", and symbolic links out of the folder
    if not target.is_relative_to(root) or not target.is_file() or not _visible(target, root):
        raise HttpProblem(404, f"no dump file {name!r}", "see /dumps/ for the files there are")
    kind = next((media for suffix, media in _TYPES.items() if target.name.endswith(suffix)),
                "application/octet-stream")
    return send_file(target, request.environ, mimetype=kind, conditional=True,
                     download_name=target.name, as_attachment=kind == "application/gzip")


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)

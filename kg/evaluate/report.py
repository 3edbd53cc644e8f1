"""An EvalReport as an aligned table (the style of `kg stats`) or as JSON."""

from __future__ import annotations

import json
from typing import Any

from kg.evaluate import EvalReport, Row
from kg.evaluate.errors import NameMistake, render_errors
from kg.evaluate.score import Score

FORMATS = ("table", "json")
_LEGEND = "P R F1: strict (exact spans); P~ R~ F1~: lenient (overlapping spans); micro-averaged"
_HEADER = ("task", "system", "gold", "pred", "P", "R", "F1", "P~", "R~", "F1~")


def render_report(report: EvalReport, fmt: str = "table", errors: bool = False) -> str:
    """The report as text: `table` for people, `json` for programs; with kg's errors on
    names when `errors` is true."""
    return render_json(report, errors) if fmt == "json" else render_table(report, errors)


def render_table(report: EvalReport, errors: bool = False) -> str:
    """Header lines, one row per task and system, then what was skipped and why, then (when
    `errors`) kg's errors on names, one a line."""
    counts = (f"scored {len(report.scored)} articles; left out {len(report.undated)} without a "
              f"date, {len(report.skipped)} bad files; not built by kg {len(report.not_built)}")
    lines = [counts, f"window: {report.window}", _LEGEND, ""]
    cells = [_HEADER, *(_cells(row) for row in report.rows)]
    widths = [max(len(cell[i]) for cell in cells) for i in range(len(_HEADER))]
    for cell in cells:
        left = [cell[i].ljust(widths[i]) for i in range(2)]
        right = [cell[i].rjust(widths[i]) for i in range(2, len(_HEADER))]
        lines.append("  ".join(left + right).rstrip())
    lines += [f"no date: {name}" for name in report.undated]
    lines += [f"bad file: {name}: {reason}" for name, reason in report.skipped]
    lines += [f"not built: {name}: {reason}" for name, reason in report.not_built]
    lines.append(f"took {report.seconds:.1f} s")
    if errors:
        lines += ["", "errors on names: class, document, gold, kg", *render_errors(
            report.name_errors)]
    return "\n".join(lines) + "\n"


def _cells(row: Row) -> tuple[str, ...]:
    strict, lenient = row.strict, row.lenient
    return (row.task, row.system, str(strict.gold), str(strict.predicted),
            *(f"{v:.3f}" for v in (strict.precision, strict.recall, strict.f1,
                                   lenient.precision, lenient.recall, lenient.f1)))


def render_json(report: EvalReport, errors: bool = False) -> str:
    """The report as one JSON document (with an "errors" list when `errors`)."""
    document = {
        "window": report.window,
        "body_sentences": report.body_sentences,
        "scored": report.scored,
        "undated": report.undated,
        "skipped": [{"file": name, "reason": reason} for name, reason in report.skipped],
        "not_built": [{"document": name, "reason": reason} for name, reason in report.not_built],
        "seconds": round(report.seconds, 3),
        "rows": [{"task": row.task, "system": row.system, "strict": _score(row.strict),
                  "lenient": _score(row.lenient)} for row in report.rows],
    }
    if errors:
        document["errors"] = [_error(error) for error in report.name_errors]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _error(error: NameMistake) -> dict[str, Any]:
    def side(found: tuple[tuple[int, int], str, str] | None) -> dict[str, Any] | None:
        return {"begin": found[0][0], "end": found[0][1], "text": found[1],
                "type": found[2]} if found else None

    return {"class": error.kind, "document": error.doc, "gold": side(error.gold),
            "kg": side(error.predicted)}


def _score(score: Score) -> dict[str, Any]:
    return {"gold": score.gold, "predicted": score.predicted, "matched": score.matched,
            "precision": round(score.precision, 4), "recall": round(score.recall, 4),
            "f1": round(score.f1, 4)}

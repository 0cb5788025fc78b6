"""A file's decimal and thousands marks, where only its siblings of the same layout prove them.

An office's day of three-decimal prices and small volumes ("245,040" beside "51.956", a tab between them)
writes no number that reads one way only: detection takes the delimiter's custom (the tab's: the dot the
decimal), 1000x off, or a custom in doubt (the rows rejected), or, where no number writes a mark at all
(whole prices: decimal_unseen), rejects a later "71.500" as undecided. The office's other days, whose
volumes group twice ("3.525.674") or whose prices pass a thousand ("1.234,567"), prove its marks. As
sibling_order.py settles a guessed day/month order, the marks that the file's siblings prove settle its
guessed ones: files of the same layout (header and delimiter) and source (named alike in one folder:
office_names.py), whose marks their own numbers proved (not guessed, unseen nor borrowed), agreeing on
the decimal. Where they disagree, or none proves, the file keeps its own reading; so it does where the
siblings' decimal would part its own volumes' digits ("1,234" shares read 1.234): a file of another source
that only looks alike (a folder of downloads, "export (2).csv" of an American broker beside a German bank's).
"""
from __future__ import annotations

import copy
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from backintime_assets.detection import FileSchema
from backintime_assets.detection.office_names import source
from backintime_assets.detection.schema import MARKS_SAID, layout_signature
from backintime_assets.ingestion.shared_layouts import after_header, first_cells


def may_guess_marks(schema_json: str) -> bool:
    """Whether a schema, as its JSON text, may have guessed its marks: most have not, and their JSON is
    not parsed to find so (guesses_marks)."""
    return '"marks_guessed":true' in schema_json or '"decimal_unseen":true' in schema_json


def guesses_marks(schema: dict) -> bool:
    """Whether a text file's marks are a guess (or unseen) that siblings could settle. Not a file whose
    close went unmapped, its numbers read as text under marks in doubt: its columns, not only its marks,
    would need reading again; refused, it says to check its number format."""
    return (schema.get("problem") is None and schema.get("file_format") == "csv"
            and bool(schema.get("marks_guessed") or schema.get("decimal_unseen"))
            and any(c.get("canonical") == "close" for c in schema.get("columns") or ()))


def settle_marks(guessing: dict[str, dict], siblings: Iterable[dict],
                 heads: Callable[[list[str]], dict[str, bytes]] | None = None) -> dict[str, dict]:
    """key -> the schema, marks settled, of each of the `guessing` files whose siblings prove other marks
    (or any, where its own were unseen), but for a file whose first rows (`heads`: key -> its first bytes)
    write a volume the siblings' decimal would read with a fraction (_parts_volumes)."""
    proofs: dict[tuple, Counter] = defaultdict(Counter)
    said: dict[tuple, Counter] = defaultdict(Counter)  # of those, the marks users said, by file
    for schema in siblings:
        if _proves(schema):
            marks = (schema.get("decimal"), schema.get("thousands"))
            proofs[_source(schema)][marks] += 1
            if schema.get(MARKS_SAID):
                said[(_source(schema), schema.get("file"))][marks] += 1
    settled = {}
    for key, schema in guessing.items():
        # A user's marks on a path's previous version are carry.py's to weigh against this one's numbers.
        found = proofs.get(_source(schema), Counter()) - said.get((_source(schema), schema.get("file")), Counter())
        if not found or len({decimal for decimal, _ in found}) != 1:
            continue  # none proves, or they disagree: its own reading stands
        decimal = next(iter(found))[0]
        grouping = Counter({t: n for (_, t), n in found.items() if t is not None})
        own = schema.get("thousands") if schema.get("thousands") != decimal else None
        thousands = grouping.most_common(1)[0][0] if grouping else own
        if (decimal, thousands) == (schema.get("decimal"), schema.get("thousands")) \
                and not schema.get("decimal_unseen"):
            continue  # borne out: it reads as it did
        out = copy.deepcopy(schema)
        out.update(decimal=decimal, thousands=thousands, borrowed_from=None,
                   marks_from=f"{found.total()} sibling file{'s' if found.total() != 1 else ''} of the same layout")
        out.pop("marks_guessed", None)
        out.pop("decimal_unseen", None)
        settled[key] = out
    if settled and heads is not None:
        found_heads = heads([key for key, out in settled.items() if out["decimal"] != guessing[key].get("decimal")])
        settled = {key: out for key, out in settled.items()
                   if key not in found_heads or not _parts_volumes(found_heads[key], guessing[key], out["decimal"])}
    return settled


def _parts_volumes(head: bytes, schema: dict, decimal: str) -> bool:
    """Whether a volume cell of a file's first rows (`head`), as `schema` reads them, is a number grouped by
    `decimal` ("1,234", "12,345"): read with it as the decimal, its shares had a fraction of three digits.
    An American broker's "170.125" beside "1,234" shares, read either way alone, took the comma a German
    file of the same header proved in a folder of downloads: 170125 and 1.234 shares, silently."""
    grouped = re.compile(rf"[+-]?\d{{1,3}}(?:{re.escape(decimal)}\d{{3}})+")
    read = FileSchema.from_dict(schema)
    return any(grouped.fullmatch(cell) for cell in first_cells(after_header(head, read), read, "volume"))


def _proves(schema: dict) -> bool:
    """Whether a sibling's marks are its own numbers' proof: a text file read, its marks neither guessed nor
    unseen, nor borrowed (the lender proves where it is a sibling), nor settled by siblings themselves."""
    return (schema.get("problem") is None and schema.get("file_format") == "csv" and not schema.get("marks_guessed")
            and not schema.get("decimal_unseen") and not schema.get("borrowed_from") and not schema.get("marks_from"))


def _source(schema: dict) -> tuple:
    """The layout and the source a sibling must share: header and delimiter, name pattern and folder."""
    return (*layout_signature(schema), *source(schema.get("file") or ""))

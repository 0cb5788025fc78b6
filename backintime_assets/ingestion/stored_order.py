"""Stored files whose guessed day/month order, number marks or reading east of UTC a migration's new files
settle.

An office's daily run brings a file a day. Its first, "01/10/2012" on every row and no sibling stored,
can only guess its order (month first for "/": dates.GUESSED_ORDER_CERTAINTY) and loads on 10 January;
the next days settle theirs, by the days stored before read with them (pooled_order.py) or by a day
above 12 (sibling_order.py), and the first stayed on 10 January: a folder migrated at once reads all
of them right, the same files run day by day did not. So after a migration, the stored files of the new
files' layouts and offices that still guess are settled as a new file would be: by the siblings that
prove an order (the new files among them), else by the one-day files read together; raw.py stores each
one settled with its new order and reads it again, its old and new dates logged to run again.

Number marks the same way (sibling_marks.py): a German office's first day of three-decimal prices
('245,040' beside '51.956', a tab between) read by the tab's custom, 1000x off, is read again with the
marks its next days prove ('3.525.674'). And a reading east of UTC (sibling_east.py): a Tokyo bar a day,
Wednesday's stored alone and read by its UTC day (a day early), is read again when Monday's file, stamped on
a Sunday evening, proves its source east of UTC.

Only guesses: an order a file's own values, name or a user's word proved, or its siblings settled
before, stays; so do marks a user said.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable

from backintime_assets.detection.dates import GUESSED_ORDER_CERTAINTY
from backintime_assets.detection.schema import SIBLING_CONTENT, SIBLING_DATES, SIBLING_WRITTEN
from backintime_assets.ingestion.pooled_order import as_written, cells_in_head, read_so, settle_together
from backintime_assets.ingestion.sibling_east import east_told, guesses_east, read_east, settle_east
from backintime_assets.ingestion.sibling_marks import guesses_marks, settle_marks
from backintime_assets.ingestion.sibling_tickers import Tickers, tickers_in_heads
from backintime_assets.ingestion.sibling_order import (
    SETTLED, date_order, folder_of, guesses, one_folder, refused_for_order, settle_orders, settled_by_siblings,
    unproven, with_order,
)
from backintime_assets.trading_week import MON_FRI, TradingWeek


def settled_stored(stored: list[dict], new: dict[str, tuple[dict, list[dt.date]]],
                   heads: Callable[[list[str]], dict[str, bytes]] | None = None,
                   written: dict[str, float] | None = None, week: TradingWeek = MON_FRI) -> dict[str, dict]:
    """sha256 -> the schema, order settled, of each of the `stored` siblings (file_schemas.sibling_detections)
    whose guessed order the `new` files (key -> schema and dates), and the stored ones with them, settle; and
    of each new file whose guess the stored ones read with it settle.
    `heads`: key -> the first bytes of each file named, of those read together whose dates are unknown (a
    guess put every row on a weekend: pooled_order.cells_in_head); `written`: sha256 -> when each new file was
    last modified (the stored ones': SIBLING_WRITTEN)."""
    guessing = {s[SIBLING_CONTENT]: s for s in stored if s[SIBLING_CONTENT] not in new and guesses(s)}
    # Those settled by one-day files read together are settled by a proof as a guess is: so a folder migrated
    # at once reads them (survey.py proves before it reads together). Left so, an American office's monthly
    # "02/01/2024" and "03/01/2024", read together as 2 and 3 January, stayed so after its "04/15/2024".
    # So are those siblings' proofs settled, where the proofs stored now and new prove the other order as one:
    # their siblings' word, not theirs. A British office's days read month first by its "10/15/2012" sent
    # by mistake stayed so after "15/10/2012" replaced it (the folder migrated at once reads them day first).
    together = {s[SIBLING_CONTENT]: s for s in stored if s[SIBLING_CONTENT] not in new and settled_by_siblings(s)}
    new_guessing = {key: schema for key, (schema, _) in new.items() if guesses(schema)}
    if not guessing and not together and not new_guessing:
        return {}
    # The new files are stored by now: counted once, as new.
    others = [s for s in stored if s[SIBLING_CONTENT] not in guessing and s[SIBLING_CONTENT] not in new]
    proofs = [*({**schema, SIBLING_CONTENT: key} for key, (schema, _) in new.items()), *others]
    tickers = tickers_in_heads(heads) if heads is not None else None
    settled, _ = settle_orders(guessing, proofs, tickers)
    settled.update(_proven_otherwise(together, proofs, tickers))
    left = [sha for sha in unproven(guessing, proofs) if sha not in settled]
    # A new file that still guesses, unproven, is settled with them: its survey read it with the stored files'
    # dates, not with those of files stored before raw_files noted home_dated, nor with the heads of files of
    # no loadable row, which are read here. Left out, an office's "04/10/2012", migrated after its "01/10/2012"
    # and "02/10/2012" of an older release (guessed, or read together), loaded on 10 April.
    new_left = set(unproven(new_guessing, proofs))
    if left or new_left:
        read_with = {key: (schema, as_written(schema, dates)) for key, (schema, dates) in new.items()
                     if key not in new_left and (guesses(schema) or read_so(schema))}
        read_with.update({s[SIBLING_CONTENT]: (s, _stored_cells(s)) for s in others if read_so(s)})
        reading = {sha: (guessing[sha], _stored_cells(guessing[sha])) for sha in left}
        reading.update({key: (new[key][0], as_written(*new[key])) for key in new_left})
        unread = [key for key, (_, cells) in {**reading, **read_with}.items() if not cells]
        if unread and heads is not None:
            for key, head in heads(unread).items():
                files = reading if key in reading else read_with
                files[key] = (files[key][0], cells_in_head(head, json.dumps(files[key][0])))
        written = {**(written or {}),
                   **{s[SIBLING_CONTENT]: s[SIBLING_WRITTEN] for s in stored if SIBLING_WRITTEN in s}}
        settled.update(settle_together(reading, read_with, written, week))
    return settled


def _proven_otherwise(together: dict[str, dict], proofs: list[dict], tickers: Tickers | None = None) -> dict[str, dict]:
    """sha256 -> the schema, order settled, of each of the files whose order their siblings settled (their proofs
    or their dates read together: `together`) where siblings' own values prove the other as one
    (sibling_order.settle_orders)."""
    if not together:
        return {}
    as_guessed = {}
    for sha, schema in together.items():
        out = copy.deepcopy(schema)
        date = out["columns"][date_index(out)]
        date["confidence"] = GUESSED_ORDER_CERTAINTY
        as_guessed[sha] = out
    settled, _ = settle_orders(as_guessed, proofs, tickers)
    return settled


def settled_by_gone(gone: list[dict], stored: list[dict]) -> list[dict]:
    """Of the `stored` siblings, those whose day/month order their siblings settled (by proofs or by dates read
    together), or left to a guess, where a file of their layout and folder that held a day and a month is `gone`
    (withdrawn, or replaced, no current file holding its content): what settled them may have been its word, or
    its word against the others' left them guessing. A British office's 1, 2 and 3 October, read month first by
    its "10/15/2012" sent by mistake, stayed on 10 January and 10 February when the mistake was withdrawn and not
    sent again (silent); so did its "09/07/2015", guessed 7 September while a mistaken "07/13/2015" disagreed
    with its 13th."""
    left = {(order[0], folder_of(s)) for s in gone if (order := date_order(s)) is not None}
    return [s for s in stored if (settled_by_siblings(s) or guesses(s)) and (order := date_order(s)) is not None
            and any(layout == order[0] and one_folder(folder, folder_of(s)) for layout, folder in left)]


def read_again_as(detected: dict, again: dict) -> dict | None:
    """A stored detection with the day/month order of `again` (its file detected again and settled by its
    siblings as they stand, or left to its guess), nothing else of it; None where it reads so already."""
    date = again["columns"][date_index(again)]
    was = detected["columns"][date_index(detected)]
    if (date["format"][:2], date.get("order_from")) == (was["format"][:2], was.get("order_from")):
        return None
    # Settled again, or a guess again (as uncertain as the file's own detection is, refused for it perhaps).
    out = with_order(detected, date["format"][:2], 0) if date["format"][:2] != was["format"][:2] \
        else copy.deepcopy(detected)
    out["columns"][date_index(out)].update(confidence=date.get("confidence"), order_from=date.get("order_from"))
    if refused_for_order(again):
        out["problem"] = again["problem"]
    return out


def _stored_cells(sibling: dict) -> list[str]:
    return as_written(sibling, [dt.date.fromisoformat(day) for day in sibling.get(SIBLING_DATES) or []])


def settled_stored_marks(stored: list[dict], new: list[dict],
                         heads: Callable[[list[str]], dict[str, bytes]] | None = None) -> dict[str, dict]:
    """sha256 -> the schema, marks settled, of each of the `stored` siblings whose guessed (or unseen) marks
    the `new` files' schemas prove (sibling_marks.settle_marks; `heads`: sha256 -> a file's first bytes)."""
    guessing = {s[SIBLING_CONTENT]: s for s in stored if guesses_marks(s)}
    return settle_marks(guessing, new, heads) if guessing else {}


def settled_stored_east(stored: list[dict], new: list[dict]) -> dict[str, dict]:
    """sha256 -> the schema, read east of UTC, of each of the `stored` siblings whose evening stamps the `new`
    files' schemas, and the stored ones, prove east of UTC (sibling_east.settle_east)."""
    guessing = {s[SIBLING_CONTENT]: s for s in stored if guesses_east(s)}
    others = [s for s in stored if s[SIBLING_CONTENT] not in guessing]
    return settle_east(guessing, [*new, *others])[0] if guessing else {}


def restated(detected: dict, order: dict | None, marks: dict | None, east: dict | None = None) -> dict:
    """A stored detection with the day/month order of `order`, the marks of `marks` and the reading east of
    UTC of `east` (schemas settled so, as settled_stored, settled_stored_marks and settled_stored_east give
    them; None: as it was), nothing else of them: a stored sibling is given with its users' corrections on
    it, which stay theirs."""
    out = detected
    if order is not None:
        date = order["columns"][date_index(order)]
        out = with_order(out, date["format"][:2], 0, date["order_from"].removeprefix(SETTLED))
    if east is not None:
        out = read_east(out, date_index(east), east_told(east))
    if marks is not None:
        out = {key: value for key, value in out.items() if key not in ("marks_guessed", "decimal_unseen")}
        out.update(decimal=marks["decimal"], thousands=marks["thousands"], marks_from=marks["marks_from"],
                   borrowed_from=None)
    return out


def date_index(schema: dict) -> int:
    """The index of a schema's date column."""
    return next(j for j, c in enumerate(schema["columns"]) if c.get("canonical") == "date")

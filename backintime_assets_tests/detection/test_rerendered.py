"""Metamorphic tests: one table of prices written as other offices and years write it (delimiter and
decimal mark, date format, header words, a title above and a note below, encoding, line ends, quoting,
column order, row order) loads the same rows. A variant that loads otherwise misread a file that an
ordinary export of the same data loads right."""
import csv
import io
from datetime import date

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

_DAYS = [day for day in (date(2024, m, d) for m in (3, 4) for d in range(13, 31)) if day.weekday() < 5]  # past the 12th
_HEADERS = {  # one layout per language: names of the date, open, high, low, close, volume
    "en": ["Date", "Open", "High", "Low", "Close", "Volume"],
    "de": ["Datum", "Eröffnung", "Hoch", "Tief", "Schlusskurs", "Volumen"],
    "pt": ["Data", "Abertura", "Máxima", "Mínima", "Fechamento", "Volume"],
    "es": ["Fecha", "Apertura", "Máximo", "Mínimo", "Cierre", "Volumen"],
}
# Prices of three sizes: with four decimals, with two around a thousand, whole units in the ten thousands.
_BASES = {"fx": 1.0823, "index": 1234.5, "vnd": 17758}


def _table(base: float) -> list[list]:
    places = 4 if base < 10 else 2 if base < 10000 else 0  # whole dong: 17758 is in Excel's days too
    step = round(base / 200, places)
    rows = []
    for k, day in enumerate(_DAYS):
        close = round(base + step * ((k * 7) % 5 - 2), places)
        rows.append([day, *(round(close + s * step, places) for s in (-0.5, 1, -1)), close, 1000 * (k + 3) + 17])
    return rows


def _text(header, rows, delimiter=",", decimal=".", thousands="", date_format="%Y-%m-%d",
          quoting=csv.QUOTE_MINIMAL, terminator="\n") -> str:
    def number(v):
        if isinstance(v, int):
            return f"{v:,}".replace(",", thousands)
        whole, _, fraction = f"{v:,.4f}".rstrip("0").rstrip(".").partition(".")
        return whole.replace(",", thousands) + (decimal + fraction if fraction else "")

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=terminator)
    writer.writerow(header)
    writer.writerows([d.strftime(date_format), *map(number, r)] for d, *r in rows)
    return out.getvalue()


_VARIANTS = {
    "semicolon, decimal comma, dot thousands": dict(delimiter=";", decimal=",", thousands="."),
    "semicolon, decimal comma": dict(delimiter=";", decimal=","),
    "tab": dict(delimiter="\t"),
    "pipe": dict(delimiter="|"),
    "comma thousands, quoted": dict(thousands=",", quoting=csv.QUOTE_ALL),
    "day first": dict(date_format="%d/%m/%Y"),
    "month first": dict(date_format="%m/%d/%Y"),
    "dotted day first, semicolon": dict(date_format="%d.%m.%Y", delimiter=";", decimal=","),
    "compact": dict(date_format="%Y%m%d"),
    "month name": dict(date_format="%d-%b-%Y"),
    "month name, dotted, semicolon": dict(date_format="%d. %b. %Y", delimiter=";"),
    "crlf": dict(terminator="\r\n"),
}


def _loaded(data: bytes, fields: tuple[str, ...]) -> list[tuple]:
    prices = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv").prices_arrow
    return sorted(zip(*(prices.column(c).to_pylist() for c in ("date", *fields))))


_FIELDS = ("open", "high", "low", "close", "volume")


@pytest.mark.parametrize("language", sorted(_HEADERS))
@pytest.mark.parametrize("size", sorted(_BASES))
@pytest.mark.parametrize("layout", ["bars", "closes"])
def test_a_table_rewritten_as_another_office_writes_it_loads_the_same(layout, language, size):
    header, rows = _HEADERS[language], _table(_BASES[size])
    fields = _FIELDS
    if layout == "closes":  # a date and a close alone: the delimiter is on each line once
        header, rows, fields = [header[0], header[4]], [[r[0], r[4]] for r in rows], ("close",)
    expected = [tuple(r) for r in rows]
    assert _loaded(_text(header, rows).encode(), fields) == expected
    for variant, marks in _VARIANTS.items():
        if size == "vnd" and marks.get("thousands") == ".":
            continue  # every number "17.536" on ';': a thousands dot or a decimal one, refused as unsaid
        assert _loaded(_text(header, rows, **marks).encode(), fields) == expected, variant
    text = _text(header, rows)
    for variant, data in {
        "date last": "".join(",".join([*f[1:], f[0]]) + "\n" for f in csv.reader(io.StringIO(text))).encode(),
        "title and blank line above": ("Daily prices\n\n" + text).encode(),
        "source note below": (text + "Source: exchange, all rights reserved\n").encode(),
        "newest first": _text(header, rows[::-1]).encode(),
        "UTF-8 BOM": text.encode("utf-8-sig"),
        "UTF-16": text.encode("utf-16"),
        "cp1252": text.encode("cp1252"),
    }.items():
        assert _loaded(data, fields) == expected, variant

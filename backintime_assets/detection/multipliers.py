"""The unit a column's header declares for its numbers ("Volume ('000)", "Shares Traded (Lakhs)",
"Objem, tis. ks", "出来高（千株）"): the factor that turns its values into the quantities they count,
which a file that writes 58.38 under "Volume (mln)" would otherwise load as 58 shares."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .currencies import names_a_currency

# Scale words, as a header writes them once lower-cased and stripped of dots and apostrophes.
_FACTORS = {
    **dict.fromkeys(("00", "hundreds", "x100"), 100),
    **dict.fromkeys(("000", "000s", "k", "thousand", "thousands", "thous", "ths", "x1000", "tsd", "tausend",
                     "tis", "tisíc", "tys", "тыс", "тис", "хил", "miles", "milhares", "milliers", "migliaia",
                     "1000s"), 1_000),
    **dict.fromkeys(("000000", "m", "mm", "mn", "mln", "mio", "mill", "million", "millions", "millionen", "milj",
                     "млн", "millones", "milhões", "milioni", "x1000000"), 1_000_000),
    **dict.fromkeys(("lakh", "lakhs", "lac", "lacs"), 100_000),
    **dict.fromkeys(("crore", "crores", "cr"), 10_000_000),
    **dict.fromkeys(("bn", "b", "billion", "billions", "mrd", "млрд"), 1_000_000_000),
    # CJK, once the piece after them is gone ("千株" thousand shares, "천주", "万股")
    **dict.fromkeys(("千", "仟", "천"), 1_000),
    **dict.fromkeys(("万", "萬", "만"), 10_000),
    **dict.fromkeys(("百万", "百萬", "백만"), 1_000_000),
    **dict.fromkeys(("亿", "億", "억"), 100_000_000),
    # Thai, as SET writes it before what is counted ("ปริมาณ(พันหุ้น)", thousand shares; "มูลค่า(ล้านบาท)")
    "พัน": 1_000, "หมื่น": 10_000, "แสน": 100_000, "ล้าน": 1_000_000,
}
# Units that count in lots, whose size the header does not give: a Shanghai lot ("手") is 100
# shares, a Hong Kong board lot differs by stock, a futures "手" is one contract; "mil" is a
# thousand in Spanish and Portuguese, a million in English abbreviations. Shown, never applied.
_UNREAD = frozenset({"手", "万手", "萬手", "lot", "lots", "boardlots", "board lots", "mil"})
# What is counted, which may follow the scale ("'000 Shares", "tis. ks", "тыс. шт."): no unit itself.
_PIECES = frozenset({"shares", "share", "units", "unit", "contracts", "pieces", "pcs", "ks", "kusů", "kusu", "szt",
                     "sztuk", "шт", "штук", "stk", "stück", "stuck", "stueck", "st", "db", "kom", "adet", "lembar",
                     "cp", "of", "in", "no"})
_CJK_PIECES = ("股", "株", "주", "หุ้น")  # and Thai's shares, written after their scale as CJK's are
_CJK_MONEY = ("元", "円", "圆", "원", "บาท")


def only_pieces(text: str) -> bool:
    """Whether a bracket's text names only what is counted ("units", "Stk.", "pieces"), no scale."""
    words = [w for w in re.split(r"[\s.']+", text.strip().lower()) if w]
    return bool(words) and all(w in _PIECES for w in words) and not {"of", "in", "no"} >= set(words)


# A bracketed part of a name ("(USD)", "（千株）"), what it holds captured: a unit, a currency, a qualifier.
BRACKETED = re.compile(r"[(\[（【]([^)\]）】]*)[)\]）】]")
# "Umsatz in Tsd.", "Volume in millions", "Volumen en miles", "Wolumen w tys.", "Объем в тыс. шт."
_IN = re.compile(r"^(?P<name>.*?\S)\s+(?:in|en|em|w|в|у)\s+(?P<unit>[^\s].*)$", re.IGNORECASE)
_COMMA = re.compile(r"^(?P<name>.*?\S)\s*,\s*(?P<unit>[^,]+)$")  # "Objem obchodů, tis. ks", "Объем, тыс. шт."
# "Volume '000", "Volume 000s"; a snake_case name's "volume_000s" too: read as no unit, mapped as
# the volume all the same, its thousands loaded as shares (12.5 for 12,500), silently.
_TRAILING = re.compile(r"^(?P<name>.*?[^\s_])(?:\s+|_)(?P<unit>['’]?000s?)$")
_CJK_TRAILING = re.compile(r"^(?P<name>.+?)(?P<unit>(?:百万|百萬|백만|千|仟|천|万|萬|만)[股株주])$")  # TPEx "成交仟股"


@dataclass(frozen=True)
class Unit:
    name: str  # the header without its unit ("Volume"); "" for a cell that is only a unit ("('000)")
    unit: str  # the unit as written ("'000", "Lakhs", "手")
    factor: int | None  # what the values are multiplied by; None: a unit we do not read as one (lots)
    money: bool = False  # the unit names a currency ("'000 Baht", "mil. Kč"): the column counts money


@lru_cache(maxsize=4096)  # header names recur from file to file
def declared_unit(cell: str) -> Unit | None:
    """The unit `cell`, a column's header, declares for its numbers (a currency too: money, no
    factor); None when it declares none we know ("(adj)", "(%)", "(cents)", no unit at all)."""
    if not any(ch in cell for ch in "([（【,") and " " not in cell.strip() and not _CJK_TRAILING.match(cell) \
            and not cell.rstrip().lower().endswith(("_000", "_000s")):
        return None  # most headers: one word ("Volume", "Close"), nothing declared
    for inside in BRACKETED.findall(cell):
        unit = _read(inside)
        if unit is not None:
            return _priced(Unit(BRACKETED.sub("", cell).strip(), inside.strip(), *unit))
    for form in (_IN, _COMMA, _TRAILING, _CJK_TRAILING):
        found = form.match(cell.strip())
        if found:
            unit = _read(found["unit"])
            if unit is not None:
                return _priced(Unit(found["name"], found["unit"].strip(), *unit))
    return None


def _priced(unit: Unit) -> Unit:
    """`unit`, as money where the rest of the header names a currency: "Volume USD (000)",
    "Volume (M) USD" count thousands or millions of dollars, not of shares."""
    if unit.money or not names_a_currency(unit.name):
        return unit
    return Unit(unit.name, unit.unit, None, True)


def _read(text: str) -> tuple[int | None, bool] | None:
    """(factor, money) of a unit's text; None when it is no unit of scale, lots or money."""
    written = text.strip()
    text = written.lower().replace("’", "'").replace("×", "x")
    if not text:
        return None
    if text.endswith(_CJK_MONEY) and not text.isascii():
        return (None, True)  # "成交额(元)", "거래대금(백만원)"
    if text in _UNREAD:
        return (None, False)
    if text.endswith(_CJK_PIECES) and not text.isascii():
        scale = text[:-len(next(p for p in _CJK_PIECES if text.endswith(p)))]  # "千株" -> "千"; "股" alone: no scale
        if scale in _FACTORS:
            return (_FACTORS[scale], False)
        return (None, False) if scale in _UNREAD else None
    words = [w for w in re.split(r"[\s.']+", text) if w and w not in _PIECES]
    if names_a_currency(written):  # as written: ISO codes count in capitals only ("(all)" is a word)
        return (None, True)
    joined = "".join(words)  # "x 1000", "000 000"
    if len(words) == 1 or joined.isdigit() or joined.startswith("x"):
        if joined in _FACTORS:
            return (_FACTORS[joined], False)
        if joined in _UNREAD:
            return (None, False)
    return None


# Volumes, all whole multiples of the declared scale, that say the numbers are the count already:
# 1,234,000 under "Volume ('000)" is no 1.2 billion shares. Real thousands are rarely all round to
# the thousand; a few values prove little, and hundreds (lots of 100) often are round.
_COUNTED_VALUES = 5
_COUNTED_FACTOR = 1_000


def already_counted(values: Iterable[float], factor: float) -> bool:
    """Whether `values`, as written under a header declaring `factor`, are all whole multiples of it
    (zeros aside, and enough of them to tell): the header's scale is then not theirs to apply."""
    if factor < _COUNTED_FACTOR:
        return False
    seen = 0
    for value in values:
        if value == 0:
            continue
        if value % factor:
            return False
        seen += 1
    return seen >= _COUNTED_VALUES


# The one scale a price's header declares that is read: thousands ("Close (K)", "Giá ('000)", "x1000":
# dong, won quoted in thousands). A letter after a price may be a class or a side ("Close (B)": class B
# shares, the bid), "(x100)" may say the values were multiplied (prices in cents), no share is quoted in
# millions: each read as a scale loaded every price a hundred- to a billionfold wrong.
PRICE_SCALE = 1_000
PRICE_FIELDS = frozenset(("open", "high", "low", "close", "adj_close"))


def lowest_declared(cells: Sequence[str]) -> Unit | None:
    """The unit the lowest of a column's header cells (top row first) that declares one declares
    (declared_unit), or None: a units row under the names speaks for its column."""
    return next((unit for cell in reversed(cells) if (unit := declared_unit(cell)) is not None), None)


def price_scale(cells: list[str] | tuple[str, ...]) -> int | None:
    """The factor a price's header cells (top row first) declare, PRICE_SCALE or None: a currency or a
    sub-unit ("(USD mn)", "(GBX)", "(cents)") gives none, nor a scale written onto a name ("close_k")."""
    unit = lowest_declared(cells)
    return PRICE_SCALE if unit is not None and not unit.money and unit.factor == PRICE_SCALE else None


def prices_already_counted(values: Iterable[float], factor: float) -> bool:
    """Whether prices written under a header declaring `factor` are already the prices it would make
    them: whole numbers of at least the factor, each (zeros aside). Quoted in thousands, a price keeps
    its fraction (23.45 thousand dong) and is no thousand thousands; 23,500 under "Close (K)" is dong
    as written, not 23.5 million. Whole multiples alone (already_counted) missed it: dong tick in 50s
    and 100s, and loaded x1000 the file was a thousandfold high, silently."""
    seen = 0
    for value in values:
        if value == 0:
            continue
        if value < factor or value % 1:
            return False
        seen += 1
    return seen > 0


def as_declared(unit: Unit | None) -> tuple[int | None, str | None]:
    """(multiplier, unit) a column's schema keeps of what its header or a note declares: the
    factor where one is read, else the unit as written (lots: shown, not applied); money, nothing."""
    if unit is None or unit.money:
        return None, None
    return (unit.factor, None) if unit.factor is not None else (None, unit.unit)


def unsized_unit(unit: str | None) -> bool:
    """Whether `unit`, as a column's schema keeps it, counts in lots of a size unsaid ("手", "lots",
    "mil"): its numbers are no count of shares. Not "x1000 declared, values already counted"."""
    return unit is not None and unit.strip().lower() in _UNREAD


def column_unit(cells: list[str] | tuple[str, ...]) -> Unit | None:
    """The unit a column's header cells (top row first) declare: the lowest that declares one. A
    cell below the top one may be the unit alone ("x1000", "'000" in a units row under the names);
    the top cell alone is a name ("K", "000" name no scale there)."""
    for k in range(len(cells) - 1, -1, -1):
        unit = declared_unit(cells[k]) or (_bare_unit(cells[k]) if k else None) or _named_scale(cells[k])
        if unit is not None:
            return unit
    return None


# A scale written onto a (volume's) name as a word of its own: "volume_thousands", "Volume Millions",
# "volume_in_lakhs", "vol_mln"; "k" after "_" or "." only ("vol_k", "Vol.K": a label's letter after a
# blank, "Volume K", may be a series' as "Volume B" is). Not "m", "mm", "b": metres, cubic ("volume_m3"
# is no header of ours, "volume_m" may be a month's), a label; read wrong, each is a thousandfold.
_NAMED_SCALE = re.compile(r"^(?P<name>[^\W\d_].*?)(?:[_.]|\s+)(?:in[_\s]+)?"
                          r"(?P<unit>thousands?|thous|millions?|mn|mln|mio|billions?|bn|lakhs?|lacs?|crores?|cr)$"
                          r"|^(?P<kname>[^\W\d_].*?)[_.](?P<k>k)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _named_scale(cell: str) -> Unit | None:
    """The scale a volume's name carries as its last word (_NAMED_SCALE); None for most names."""
    found = _NAMED_SCALE.match(cell.strip())
    if found is None:
        return None
    unit = found["unit"] or found["k"]
    name = (found["name"] or found["kname"]).replace("_", " ")  # "turnover_usd_mn" counts dollars (_priced)
    return _priced(Unit(name, unit, _FACTORS[unit.lower()]))


def _bare_unit(cell: str) -> Unit | None:
    """A units row's cell that is a scale or a count's unit and nothing else; not a currency: a
    price column's "EUR" declares no scale, and money is read where a name goes with it."""
    read = _read(cell) if cell.strip() else None
    return None if read is None or read[1] else Unit("", cell.strip(), *read)


def units_cell(cell: str) -> bool:
    """Whether a header cell below the names says a unit and nothing else: a scale ("x1000", "'000",
    "(000)"), a currency ("USD", "(EUR)") or a coin a units row writes under a column's name. It
    names no column and no ticker: a flat header ("AAPL Close") with a units row under it is still
    one row of names, and "USD" under "AAPL" over "Close" is no part of the ticker's label."""
    cell = cell.strip().strip("()[]").strip()
    if not cell:
        return True
    if _bare_unit(cell) is not None:
        return True
    unit = declared_unit(f"({cell})")
    return unit is not None and not unit.name and (unit.factor is not None or names_a_currency(cell))


def scale_cell(cell: str) -> bool:
    """Whether a cell is a scale and nothing else ("Thousands", "x1000", "('000)", "Mio."): a units row's
    cell that multiplies its column's numbers."""
    unit = _bare_unit(cell.strip().strip("()[]").strip()) if cell.strip() else None
    return unit is not None and unit.factor not in (None, 1)


_SENTENCES = re.compile(r"[.;:]\s+|\s+[-–]\s+")  # "Volume in millions. Source: FactSet Prices."


def noted_unit(notes: list[str], names: tuple[str, ...]) -> Unit | None:
    """The unit a note of the file declares for a column whose name is one of `names`: a line
    right above the header or below the table saying so in a sentence of its own ("Volume in
    millions. Source: FactSet Prices.", "Volume in thousands of shares"). Only a sentence that
    names the column as its header does: "Prices in USD" or "All figures in thousands" name none."""
    wanted = {n.strip().casefold() for n in names}
    for note in notes:
        for sentence in _SENTENCES.split(note.strip().strip("()[]").strip()):
            sentence = sentence.strip().strip("()[]*").rstrip(".").strip()
            if " " not in sentence:
                continue
            unit = declared_unit(sentence)
            if unit is not None and unit.name.strip().casefold() in wanted:
                return unit
    return None

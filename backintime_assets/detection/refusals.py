"""Which of detection's refusals of a whole file are judgements a user may overrule, and which are
facts no override can change (`schema override --load-refused`)."""
from __future__ import annotations

from .after_arrival import AFTER_ARRIVAL, refused_after_arrival
from .bar_period import LONGER_BARS, longer_bars
from .canonical import SEVERAL_CLOSES, SIDE_BY_SIDE
from .nameless import NAMELESS
from .price_unit import UNREAD_SCALE
from .names_above import NAMES_ABOVE
from .row_currency import CURRENCY_SWITCH
from .statements import NOT_PRICES, not_prices
from .uncalculated import UNCALCULATED
from .unsettled_order import UNSETTLED_ORDER


def judged(problem: str | None) -> bool:
    """Whether a file's problem is detection's judgement of a table it read: a broker's trades or
    statement ("..., not prices: ..."), several tickers side by side whose labels it could not tie to
    tickers, one instrument's several closes none of which says it is the day's, weekly or monthly bars
    its period column or its dates' steps declare (bar_period.py), an hour's prices dated by spans of time
    (time_spans.py), prices a headerless table places
    against the names of a line above it (names_above.py), a tiny table's day/month order its header's
    width let be guessed (unsettled_order.py), rows nothing names but a file's name a site gives every
    download (nameless.py), price cells of formulas a program wrote and nothing calculated (uncalculated.py),
    a column of currencies that changes under one series (row_currency.py), dates that run past the day
    the file arrived (after_arrival.py), prices in a scale not read for prices (price_unit.py).
    Its rows were read and are refused whole; a user who knows the file may load them with its
    (corrected) mapping. An empty, binary or unreadable file, a page with no table, a table with no
    data rows: facts, nothing to load whatever a user says."""
    return judgement(problem) is not None


def judgement(problem: str | None) -> str | None:
    """Which judgement a problem is (SIDE_BY_SIDE, SEVERAL_CLOSES, NOT_PRICES, LONGER_BARS, NAMES_ABOVE, NAMELESS,
    UNCALCULATED, CURRENCY_SWITCH, AFTER_ARRIVAL, UNREAD_SCALE),
    None for a fact or no problem. A user's lifting of one is no word on another: a new detection that refuses the file
    for another reason refuses it (its details, the columns named, may change with the detector)."""
    # First, and by its whole message: it names a file or a column, whose name may hold another's words.
    if refused_after_arrival(problem):
        return AFTER_ARRIVAL
    if problem is not None and problem.startswith(SIDE_BY_SIDE):
        return SIDE_BY_SIDE
    if problem is not None and problem.startswith(SEVERAL_CLOSES):
        return SEVERAL_CLOSES
    if longer_bars(problem):  # by its opening: a reference list may name a column "Issued, not daily prices: ..."
        return LONGER_BARS
    if problem is not None and problem.startswith(NAMES_ABOVE):
        return NAMES_ABOVE
    if problem is not None and problem.startswith(UNSETTLED_ORDER):
        return UNSETTLED_ORDER
    if problem is not None and problem.startswith(NAMELESS):
        return NAMELESS
    if problem is not None and problem.startswith(UNCALCULATED):
        return UNCALCULATED
    if problem is not None and problem.startswith(CURRENCY_SWITCH):
        return CURRENCY_SWITCH
    if problem is not None and problem.startswith(UNREAD_SCALE):
        return UNREAD_SCALE
    return NOT_PRICES if not_prices(problem) else None


def side_by_side(problem: str | None) -> bool:
    return judgement(problem) == SIDE_BY_SIDE


def leaves_columns_unread(problem: str | None) -> bool:
    """Whether a judgement refuses a file whose columns past the first series' would be left unread if
    loaded as it is: several tickers side by side, or one instrument's several closes (the close mapped
    is detection's pick of them, which the refusal says is unsaid). Lifted only once the user says what
    each of those columns is (file_overrides.set_load_refused)."""
    return judgement(problem) in (SIDE_BY_SIDE, SEVERAL_CLOSES)


def lifts(lifted: str | None, problem: str | None) -> bool:
    """Whether a refusal a user lifted (its problem as it read then) lifts `problem`, a detection's
    judgement now: the same judgement. One instrument's several closes were refused as tickers side
    by side until session 28: a user's lifting of that stands for the same files."""
    def kin(p: str | None) -> str | None:
        j = judgement(p)
        return SIDE_BY_SIDE if j == SEVERAL_CLOSES else j
    return judged(problem) and kin(lifted) == kin(problem)

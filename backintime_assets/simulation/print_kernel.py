"""The compiled loop of the CSV printer (see printer.py): rows of prepared columns into bytes.

numba compiles it when this module is first imported and caches the machine code next to it
(`cache=True`): only the first run after an install or a change of this file pays the compile
(6-22 s on the shared, busy 2-core machine); later processes load it (0.7-1.3 s, plus 0.9-1.8 s
for numba's import): the writer imports it only for blocks big enough to repay that. `nogil`
lets the printing thread run beside the drawing and writing ones.

Written for speed over elegance where numba needs it: unsigned arithmetic (signed floor division
adds fix-ups), whole-word loads and stores at any offset, digits from multiplications (a chain of
divisions costs more than the rest of a cell), and the common cells written out in the loop
(inlined helpers compiled to about half their speed). Per cell, one core of the shared machine:
a price ~17 ns (Polars ~30), a date ~12 (~36), a ticker or sector ~11-12 (~26-30), a volume ~11
(~16); with thousands separators Polars takes 2-3x longer (the cells are text it builds), the
kernel the same.
"""
import numba
import numpy as np
from llvmlite import ir
from numba.core import types
from numba.extending import intrinsic

# Cell kinds of the kernel.
FLOAT, INT, TEXT, TABLE = 0, 1, 2, 3
# Quoting of numbers: never, every cell (a Float column printed with a decimal comma between
# commas, or grouped text whose decimal mark is the delimiter), or the cells of 1000 and more
# (grouped text whose thousands separator is the delimiter). Text is quoted where it holds the delimiter.
NEVER, ALWAYS, IF_GROUPED = 0, 1, 2
UNGROUPED = 3  # an int column never grouped nor quoted whatever the layout's thousands (Excel dates)
# Exact powers of ten (from integers: every one up to 1e22 is a double), for the kernel.
_POWERS = np.array([float(10**d) for d in range(23)])
_INT_POWERS = np.array([10**d for d in range(19)], dtype=np.int64)


def _loader(bits: int):
    @intrinsic
    def load(typingctx, array, index):
        def codegen(context, builder, signature, args):
            array_type = signature.args[0]
            data = context.make_array(array_type)(context, builder, args[0]).data
            pointer = builder.bitcast(builder.gep(data, [args[1]]), ir.IntType(bits).as_pointer())
            word = builder.load(pointer, align=1)
            return builder.zext(word, ir.IntType(64)) if bits < 64 else word
        return types.uint64(array, index), codegen
    return load


# The 8 / 4 bytes of a uint8 array (contiguous in its last dimension) from an index on, as one
# little-endian word, wherever they lie.
_load8, _load4 = _loader(64), _loader(32)


def _storer(bits: int):
    @intrinsic
    def store(typingctx, array, index, word):
        def codegen(context, builder, signature, args):
            data = context.make_array(signature.args[0])(context, builder, args[0]).data
            pointer = builder.bitcast(builder.gep(data, [args[1]]), ir.IntType(bits).as_pointer())
            builder.store(builder.trunc(args[2], ir.IntType(bits)) if bits < 64 else args[2], pointer, align=1)
            return context.get_dummy_value()
        return types.none(array, index, types.uint64), codegen
    return store


# The low 8 / 4 bytes of a word into a uint8 array from an index on, wherever that lies.
_store8, _store4 = _storer(64), _storer(32)


_U = np.uint64
_ONES, _HIGHS = _U(0x0101010101010101), _U(0x8080808080808080)


@numba.njit(cache=True, nogil=True, inline="always")
def _ascii8(n):
    """The 8 decimal digits of n < 10**8 as ASCII in one word, the first digit in the lowest byte
    (a few multiplications in place of a chain of divisions)."""
    n = _U(n)
    hi = n // _U(10000)
    merged = hi | ((n - hi * _U(10000)) << _U(32))
    top = ((merged * _U(10486)) >> _U(20)) & _U((0x7F << 32) | 0x7F)
    bottom = merged - _U(100) * top
    hundreds = (bottom << _U(16)) + top
    tens = (hundreds * _U(103)) >> _U(10)
    tens &= _U((0xF << 48) | (0xF << 32) | (0xF << 16) | 0xF)
    tens += (hundreds - _U(10) * tens) << _U(8)
    return tens + _U(0x3030303030303030)


@numba.njit(cache=True, nogil=True, inline="always")
def _count8(n):
    """Decimal digits of 0 <= n < 10**8, from independent comparisons rather than a loop."""
    n = _U(n)
    return (1 + (n >= _U(10)) + (n >= _U(100)) + (n >= _U(1000)) + (n >= _U(10000)) + (n >= _U(100000))
            + (n >= _U(1000000)) + (n >= _U(10000000)))


@numba.njit(cache=True, nogil=True, inline="always")
def _has_byte(word, byte):
    """Whether any byte of `word` equals `byte` (non-zero): the classic zero-byte test on the xor."""
    v = word ^ (_ONES * _U(byte))
    return ((v - _ONES) & ~v & _HIGHS) != _U(0)


@numba.njit(cache=True, nogil=True)
def _digit_count(value):
    count = 1
    while count < 19 and value >= _INT_POWERS[count]:
        count += 1
    return count


@numba.njit(cache=True, nogil=True)
def _put_digits(out, end, value, count, thousands, separator_width):
    """The last `count` digits of a non-negative int64 written backwards to end just before `end`,
    `thousands` between groups of three; returns where they start (the general, slower path)."""
    pos = end
    v = _U(value)
    for i in range(count):
        if separator_width > 0 and i > 0 and i % 3 == 0:
            pos -= separator_width
            for j in range(separator_width):
                out[pos + j] = thousands[j]
        pos -= 1
        q = v // _U(10)
        out[pos] = 48 + np.int64(v - q * _U(10))
        v = q
    return pos


@numba.njit(cache=True, nogil=True, inline="always")
def _put_whole(out, pos, value, thousands, separator_width):
    """A non-negative int64 in decimal, grouped by `thousands`; returns the new end."""
    if separator_width == 0 and value < 100_000_000:
        count = _count8(value)
        _store8(out, pos, _ascii8(value) >> _U(8 * (8 - count)))
        return pos + count
    return _put_grouped(out, pos, value, thousands, separator_width)


@numba.njit(cache=True, nogil=True)
def _put_grouped(out, pos, value, thousands, separator_width):
    """`_put_whole`'s general path, kept out of line so the common one stays small."""
    count = _digit_count(value)
    end = pos + count + (count - 1) // 3 * separator_width
    _put_digits(out, end, value, count, thousands, separator_width)
    return end


@numba.njit(cache=True, nogil=True)
def _shortest(x):
    """(k, d) with x == k / 10**d printing as its shortest text once trailing zeros go, or (-1, 0).

    A decimal k / 10**d with k below 10**15 that rounds to x is its shortest text: two decimals
    of at most 15 significant digits never round to the same double. Outside [1e-5, 1e15) Polars
    switches to scientific notation or needs 16+ digits: (-1, 0).
    """
    if x == 0.0:
        return 0, 1
    if not (1e-5 <= x < 1e15):
        return -1, 0
    d = 1  # the fast paths took the common 4 decimals: here, the fewest decimals that do
    while d <= 18:
        power = _POWERS[d]
        scaled = np.rint(x * power)
        if scaled >= 1e15:
            break
        if scaled / power == x:
            return np.int64(scaled), d
        d += 1
    return -1, 0


@numba.njit(cache=True, nogil=True)
def _put_scientific(out, pos, a, negative, decimal, separator_width, quote):
    """A positive `a` below 1e-5 as Polars prints it: its shortest digits as `d.ddde-N` (`1e-6` for
    one digit); -1 for 16+ digits or past the exact powers of ten. Quoted where Polars quotes every
    cell (a Float column), but as grouped text only where it holds the decimal mark. Prices below 1
    keep 6 significant digits (see `daily.round_prices`): an adjusted close far below its close."""
    d = 6
    k = np.int64(-1)
    while d <= 22:
        power = _POWERS[d]
        scaled = np.rint(a * power)
        if scaled >= 1e15:
            break
        if scaled > 0.0 and scaled / power == a:  # k / 10**d rounds to a: its shortest text (see _shortest)
            k = np.int64(scaled)
            break
        d += 1
    if k < 0:
        return -1
    while k % 10 == 0:
        k //= 10
        d -= 1
    count = _digit_count(k)
    exponent = d - (count - 1)
    quoted = quote == ALWAYS and (separator_width == 0 or count > 1)
    if quoted:
        out[pos] = 34
        pos += 1
    if negative:
        out[pos] = 45
        pos += 1
    rest = k % _INT_POWERS[count - 1]
    out[pos] = 48 + k // _INT_POWERS[count - 1]
    pos += 1
    if count > 1:
        out[pos] = decimal
        pos = _put_digits(out, pos + count, rest, count - 1, out[:0], 0) + count - 1
    out[pos] = 101  # "e"
    out[pos + 1] = 45  # "-"
    width = _digit_count(exponent)
    pos = _put_digits(out, pos + 2 + width, exponent, width, out[:0], 0) + width
    if quoted:
        out[pos] = 34
        pos += 1
    return pos


@numba.njit(cache=True, nogil=True)
def _put_float(out, pos, x, decimal, thousands, separator_width, quote):
    """The text of `x` as Polars prints it (shortest, at least one fraction digit), quoted per
    `quote`; returns the new end, or -1 for a value the kernel does not print."""
    if x != x:
        return -1
    negative = x < 0.0 or (x == 0.0 and np.signbit(x))
    a = -x if negative else x
    scaled = np.rint(a * 1e4)
    if 1.0 <= a and scaled < 1e15 and scaled / 1e4 == a:  # the common case: 4 decimals or fewer
        # Constant divisors throughout: a division by a variable costs tens of cycles.
        units = _U(scaled)
        whole = np.int64(units // _U(10000))
        fraction = np.int64(units - _U(whole) * _U(10000))
        d = 4
    else:
        k, d = _shortest(a)
        if k < 0:
            if 0.0 < a < 1e-5:
                return _put_scientific(out, pos, a, negative, decimal, separator_width, quote)
            return -1
        whole = k // _INT_POWERS[d]
        fraction = k - whole * _INT_POWERS[d]
    if quote == ALWAYS or (quote == IF_GROUPED and whole >= 1000):
        out[pos] = 34
        pos += 1
    else:
        quote = NEVER
    if negative:
        out[pos] = 45  # "-"
        pos += 1
    pos = _put_whole(out, pos, whole, thousands, separator_width)
    out[pos] = decimal
    pos += 1
    if d == 4:
        _store4(out, pos, _ascii8(fraction) >> _U(32))
        zeros = (fraction % 10 == 0) + (fraction % 100 == 0) + (fraction % 1000 == 0)
        pos += 4 - zeros
    else:
        while d > 1 and fraction % 10 == 0:  # trailing zeros stripped, one fraction digit kept
            fraction //= 10
            d -= 1
        pos = _put_digits(out, pos + d, fraction, d, thousands, 0) + d
    if quote != NEVER:
        out[pos] = 34
        pos += 1
    return pos


@numba.njit(cache=True, nogil=True)
def _put_int(out, pos, value, thousands, separator_width, quote):
    """An int64 as Polars prints it (grouped where the column is text with thousands); -1 for the
    one int64 without a magnitude."""
    quoted = quote == ALWAYS or (quote == IF_GROUPED and (value >= 1000 or value <= -1000))
    if quoted:
        out[pos] = 34
        pos += 1
    if value < 0:
        out[pos] = 45
        pos += 1
        value = -value
        if value < 0:
            return -1
    pos = _put_whole(out, pos, value, thousands, separator_width)
    if quoted:
        out[pos] = 34
        pos += 1
    return pos


@numba.njit(cache=True, nogil=True, inline="always")
def _copy(out, pos, source, at, length):
    """`length` bytes of `source` from `at` into `out` at `pos`, a word at a time (both arrays have
    8 bytes of slack past their ends)."""
    for i in range(0, length, 8):
        _store8(out, pos + i, _load8(source, at + i))


@numba.njit(cache=True, nogil=True, inline="always")
def _word_quoting(word, delimiter):
    """0: bytes to print as they are; 1: they hold the delimiter (quote the field); 2: they hold a
    quote or a line break, which would need escaping: left to Polars. Zero bytes never match."""
    if _has_byte(word, 34) or _has_byte(word, 10) or _has_byte(word, 13):
        return 2
    return 1 if _has_byte(word, delimiter) else 0


@numba.njit(cache=True, nogil=True, inline="always")
def _inline(low, high, length, part):
    """Part 0 (bytes 0-7) or 1 (bytes 8-11) of a short string held in its view (words `low`,
    `high`), the bytes past its length zeroed."""
    if part == 0:
        word = (low >> _U(32)) | (high << _U(32))
        keep = min(length, 8)
    else:
        word = high >> _U(32)
        keep = max(length - 8, 0)
    if keep < 8:
        word &= (_U(1) << _U(8 * keep)) - _U(1)
    return word


@numba.njit(cache=True, nogil=True, inline="always")
def _needs_quotes(source, at, length, delimiter):
    """`_word_quoting` of `length` bytes of `source` from `at` (which has 8 bytes of slack)."""
    found = 0
    for i in range(0, length, 8):
        word = _load8(source, at + i)
        if length - i < 8:
            word &= (_U(1) << _U(8 * (length - i))) - _U(1)
        found |= _word_quoting(word, delimiter)
    return found


_READ = {dtype: types.Array(dtype, 1, "C", readonly=True) for dtype in (types.uint8, types.int32, types.int64)}
_SIGNATURE = types.int64(
    types.Array(types.uint8, 1, "C"), types.int64,  # out, n
    _READ[types.int64], _READ[types.int64], _READ[types.int64],  # kinds, slots, quoting
    types.Array(types.float64, 2, "A", readonly=True), types.Array(types.int64, 2, "A", readonly=True),  # floats, ints
    types.Array(types.uint8, 2, "A", readonly=True), _READ[types.int64],  # views, view_rows
    _READ[types.uint8], types.Array(types.int64, 2, "C", readonly=True),  # text_data, text_starts
    _READ[types.int32], _READ[types.uint8], _READ[types.int64], types.int64,  # day_index, table, table_starts, first
    types.int64, _READ[types.uint8], types.int64, _READ[types.uint8],  # delimiter, newline, decimal, thousands
    types.int64, types.int64, types.Array(types.int64, 1, "C"),  # separator_width, row_bound, ends
)


# One signature, compiled once (or loaded from the cache) on import: the float, int and text
# columns come as strided views of wherever they lie (see printer.py), never copied into one.
@numba.njit(_SIGNATURE, cache=True, nogil=True)
def print_rows(out, n, kinds, slots, quoting, floats, ints, views, view_rows, text_data, text_starts, day_index, table,
               table_starts, table_first, delimiter, newline, decimal, thousands, separator_width, row_bound, ends):
    """Rows 0..n-1 into `out`; returns the bytes used, or -1 where a cell needs the general path.

    `views`: the text columns' Arrow string views as bytes (text column i's in row view_rows[i]);
    `text_data` the data buffers of their long strings, padded. `ends`: empty, or n slots for the
    offset past each line's newline.
    """
    pos = 0
    limit = len(out) - 64  # slack for whole-word stores past a cell's end
    width = len(kinds)
    with_ends = len(ends) > 0
    line_end = _U(0)
    for i in range(len(newline)):
        line_end |= _U(newline[i]) << _U(8 * i)
    seen_low, seen_high = np.zeros(width, dtype=np.uint64), np.zeros(width, dtype=np.uint64)
    seen_quoted = np.zeros(width, dtype=np.int64)
    for r in range(n):
        if pos + row_bound > limit:  # the caller's bound was wrong: never write past the buffer
            return -1
        for c in range(width):
            if c > 0:
                out[pos] = delimiter
                pos += 1
            kind, slot = kinds[c], slots[c]
            quote = quoting[c]
            grouping = 0 if quote == UNGROUPED else separator_width
            plain = (quote == NEVER or quote == UNGROUPED) and grouping == 0
            # The common cells written here, the rest by the general functions: written out in
            # the loop, numba compiles them to about half the time an inlined helper takes.
            if kind == FLOAT:
                x = floats[slot, r]
                scaled = np.rint(x * 1e4)
                # 4 decimals, below 10000 (below 1000 with thousands: no separator, no quotes for it)
                if 1.0 <= x and scaled < (1e8 if grouping == 0 else 1e7) and scaled / 1e4 == x:
                    if quote == ALWAYS:
                        out[pos] = 34
                        pos += 1
                    # One 8-digit conversion gives both halves: the whole part zero-padded to four
                    # digits in the low word, the four decimals in the high one.
                    units = _U(scaled)
                    digits = _ascii8(units)
                    count = 1 + (units >= _U(100000)) + (units >= _U(1000000)) + (units >= _U(10000000))
                    _store4(out, pos, (digits & _U(0xFFFFFFFF)) >> _U(8 * (4 - count)))
                    pos += count
                    out[pos] = decimal
                    decimals = digits >> _U(32)
                    _store4(out, pos + 1, decimals)
                    decimals -= _U(0x30303030)  # the digits' values, the last in the top byte
                    zeros = ((decimals >> _U(24)) == _U(0)) + ((decimals >> _U(16)) == _U(0)) + \
                        ((decimals >> _U(8)) == _U(0))  # trailing zeros go, one digit stays
                    pos += 5 - zeros
                    if quote == ALWAYS:
                        out[pos] = 34
                        pos += 1
                elif plain and 1.0 <= x and scaled < 1e12 and scaled / 1e4 == x:  # 4 decimals, below 1e8
                    units = _U(scaled)
                    whole = units // _U(10000)
                    fraction = units - whole * _U(10000)
                    count = _count8(whole)
                    _store8(out, pos, _ascii8(whole) >> _U(8 * (8 - count)))
                    pos += count
                    out[pos] = decimal
                    _store4(out, pos + 1, _ascii8(fraction) >> _U(32))
                    zeros = ((fraction % _U(10) == _U(0)) + (fraction % _U(100) == _U(0))
                             + (fraction % _U(1000) == _U(0)))  # trailing zeros go, one digit stays
                    pos += 5 - zeros
                else:
                    pos = _put_float(out, pos, x, decimal, thousands, grouping, quote)
                    if pos < 0:
                        return -1
            elif kind == INT:
                value = ints[slot, r]
                if quote != ALWAYS and 0 <= value < (100_000_000 if grouping == 0 else 1000):
                    count = _count8(value)
                    _store8(out, pos, _ascii8(value) >> _U(8 * (8 - count)))
                    pos += count
                elif grouping == 1 and 1000 <= value < 100_000_000:  # grouped by one byte
                    quoted = quote != NEVER
                    if quoted:
                        out[pos] = 34
                        pos += 1
                    count = _count8(value)
                    digits = _ascii8(value) >> _U(8 * (8 - count))
                    for i in range(count):
                        out[pos] = np.uint8((digits >> _U(8 * i)) & _U(255))
                        pos += 1
                        left = count - 1 - i
                        if left > 0 and left % 3 == 0:
                            out[pos] = thousands[0]
                            pos += 1
                    if quoted:
                        out[pos] = 34
                        pos += 1
                else:
                    pos = _put_int(out, pos, value, thousands, grouping, quote)
                    if pos < 0:
                        return -1
            elif kind == TEXT:
                row = views[view_rows[slot]]
                view = 16 * r  # the row's Arrow string view: length, then the text or where it lies
                low, high = _load8(row, view), _load8(row, view + 8)
                length = np.int64(low & _U(0xFFFFFFFF))
                if length == 0:  # Polars writes "" for an empty string
                    out[pos] = 34
                    out[pos + 1] = 34
                    pos += 2
                    continue
                at = 0
                if length > 12:
                    at = text_starts[slot, np.int64(high & _U(0xFFFFFFFF))] + np.int64(high >> _U(32))
                # Rows of one ticker follow each other: a view seen just before needs no new check.
                if low == seen_low[c] and high == seen_high[c]:
                    quoted = seen_quoted[c]
                else:
                    if length <= 12:
                        quoted = _word_quoting(_inline(low, high, length, 0), delimiter) | \
                            _word_quoting(_inline(low, high, length, 1), delimiter)
                    else:
                        quoted = _needs_quotes(text_data, at, length, delimiter)
                    if quoted > 1:
                        return -1
                    seen_low[c], seen_high[c], seen_quoted[c] = low, high, quoted
                if quoted:
                    out[pos] = 34
                    pos += 1
                if length <= 12:  # short strings live in the view itself: two words, no loop
                    _store8(out, pos, _inline(low, high, length, 0))
                    _store4(out, pos + 8, _inline(low, high, length, 1))
                else:
                    _copy(out, pos, text_data, at, length)
                pos += length
                if quoted:
                    out[pos] = 34
                    pos += 1
            else:  # a table entry: a date of the block's days, or a constant
                entry = day_index[r] - table_first if slot < 0 else slot
                start = table_starts[entry]
                length = table_starts[entry + 1] - start
                _copy(out, pos, table, start, length)
                pos += length
        _store4(out, pos, line_end)
        pos += len(newline)
        if with_ends:
            ends[r] = pos
    return pos

"""A central bank's daily fixing table, dated only in its first line (real file: the Czech National
Bank's denni_kurz.txt as mirrored by segeda/cnb-exchange-rate-flat, an excerpt of its rows)."""

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

CNB = (
    "05.10.2021 #192\n"
    "země|měna|množství|kód|kurz\n"
    "Austrálie|dolar|1|AUD|15,883\n"
    "Brazílie|real|1|BRL|4,010\n"
    "Bulharsko|lev|1|BGN|12,941\n"
    "Čína|žen-min-pi|1|CNY|3,385\n"
    "Dánsko|koruna|1|DKK|3,403\n"
    "EMU|euro|1|EUR|25,310\n"
    "Filipíny|peso|100|PHP|42,980\n"
    "Japonsko|jen|100|JPY|19,622\n"
    "Maďarsko|forint|100|HUF|7,092\n"
    "MMF|ZPČ|1|XDR|30,834\n"
    "USA|dolar|1|USD|21,817\n"
).encode()


def test_a_fixing_with_rates_per_100_units_is_refused_whole_not_loaded_100_or_1000_times_off():
    # Loaded, the yen's 19,622 was a close of 19622 (the comma read as grouping), or 19.622 for
    # what is a rate per 100 yen: the amount column is not read, so the table is refused.
    result = normalise_bytes(CNB, detect_bytes(CNB, "denni_kurz.txt"), "denni_kurz.txt")
    assert result.prices_arrow.num_rows == 0
    reasons = set(result.rejected_arrow.to_pydict()["reason"])
    assert result.rejected_arrow.num_rows == 11 and len(reasons) == 1
    assert "a list of exchange rates" in reasons.pop()


def test_the_rates_read_their_comma_as_the_decimal_mark():
    schema = detect_bytes(CNB, "denni_kurz.txt")
    assert (schema.decimal, schema.thousands) == (",", None)

"""QuantConnect LEAN's equity bars load in dollars, not in the deci-cents LEAN writes them in."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

# LEAN's data/equity/usa/daily/spy.csv (corpus56a's shape): no header, "yyyyMMdd HH:mm", open, high, low,
# close in ten-thousandths of a dollar (3250700 = 325.07), volume; a sub-penny 3257799 too.
LEAN_PATH = "data/equity/usa/daily/spy.csv"
LEAN_DAILY = ("20200102 00:00,3236600,3252500,3225400,3250700,8890856\n"
              "20200103 00:00,3217700,3236400,3196900,3227400,10623102\n"
              "20200106 00:00,3201300,3239400,3199300,3232200,8087764\n"
              "20200108 00:00,3222000,3257799,3220200,3251500,10456194\n")


def _closes(text, name=LEAN_PATH):
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, name), name)
    return [row["close"] for row in result.prices_arrow.to_pylist()]


@pytest.mark.parametrize("path", ["data/equity/india/daily/sbin.csv", "Data/equity/usa/hour/spy.csv",
                                  "C:\\Lean\\Data\\equity\\usa\\daily\\spy.csv"])
def test_leans_other_folders_of_equity_bars_load_in_its_unit_too(path):
    # LEAN's India equities (rupees as deci-paise) and its hourly bars are written as its US daily bars are.
    assert _closes(LEAN_DAILY, path) == [325.07, 322.74, 323.22, 325.15]


def test_lean_equity_bars_load_in_dollars():
    # Read as written, SPY loaded at 3,250,700 dollars a share on 2 January 2020, and nothing said so.
    data = LEAN_DAILY.encode()
    schema = detect_bytes(data, LEAN_PATH)
    assert [c.multiplier for c in schema.columns if c.canonical in ("open", "high", "low", "close")] == [1e-4] * 4
    result = normalise_bytes(data, schema, "spy.csv")
    rows = result.prices_arrow.to_pylist()
    assert [(r["open"], r["high"], r["low"], r["close"]) for r in rows[:1]] == [(323.66, 325.25, 322.54, 325.07)]
    assert [r["close"] for r in rows] == [325.07, 322.74, 323.22, 325.15]
    assert rows[0]["volume"] == 8890856  # shares, as written


# Samsung's won in LEAN's layout: whole hundreds too, as a $5.58 share's deci-cents are.
KRW = ("20240104 00:00,55800,56000,55500,55800,100\n20240105 00:00,55800,56100,55600,56000,100\n"
       "20240108 00:00,56000,56300,55900,56200,100\n")

# Keyence's yen (steps of 100 above 50,000 yen): whole hundreds too.
JPY = ("20240104 00:00,61200,61500,60900,61300,100\n20240105 00:00,61300,61800,61200,61700,100\n"
       "20240108 00:00,61700,62000,61500,61600,100\n")


@pytest.mark.parametrize(("name", "text", "closes"), [
    # Out of LEAN's folder of equity bars, LEAN's layout does not tell deci-cents from whole won: as written,
    # as before (LEAN's own file moved there loads ten-thousandfold high, as before: silent).
    ("005930.csv", KRW, [55800, 56000, 56200]), ("prices/005930/daily.csv", KRW, [55800, 56000, 56200]),
    ("spy.csv", LEAN_DAILY, [3250700, 3227400, 3232200, 3251500]),
    ("data/equity/usa/minute/spy.csv", LEAN_DAILY, [3250700, 3227400, 3232200, 3251500]),
    ("data/option/usa/daily/spy.csv", LEAN_DAILY, [3250700, 3227400, 3232200, 3251500]),
    # An office's tree of LEAN's shape for a market LEAN keeps no equities of: Samsung's won, whose prices
    # above 50,000 move in steps of 100, had loaded as 5.58; Keyence's yen alike.
    ("data/equity/kr/daily/005930.csv", KRW, [55800, 56000, 56200]),
    ("equity/krx/daily/005930.csv", KRW, [55800, 56000, 56200]),
    ("prices/equity/jp/daily/6861.csv", JPY, [61300, 61700, 61600]),
])
def test_whole_prices_out_of_leans_folder_are_not_scaled(name, text, closes):
    schema = detect_bytes(text.encode(), name)
    assert all(c.multiplier is None for c in schema.columns if c.canonical in ("open", "high", "low", "close"))
    assert _closes(text, name) == closes


@pytest.mark.parametrize(("text", "closes"), [
    # LEAN's forex bars in the same layout write decimals: no scale.
    ("20140101 00:00,1.37503,1.37899,1.37411,1.37719,0\n20140102 00:00,1.37719,1.38021,1.36591,1.36692,0\n"
     "20140103 00:00,1.36692,1.36821,1.35819,1.35879,0\n", [1.37719, 1.36692, 1.35879]),
    # Whole yen (or index points) in LEAN's layout: not quoted to the cent as deci-cents are.
    ("20240104 00:00,2514,2544,2494,2524,100\n20240105 00:00,2523,2551,2507,2536,100\n"
     "20240108 00:00,2536,2561,2519,2548,100\n", [2524, 2536, 2548]),
    # The same numbers under a header, without a time of day, in another date's form, or with a seventh field:
    # another tool's layout, loaded as written as before.
    ("Date,Open,High,Low,Close,Volume\n" + LEAN_DAILY.replace(" 00:00", ""), [3250700, 3227400, 3232200, 3251500]),
    (LEAN_DAILY.replace(" 00:00", ""), [3250700, 3227400, 3232200, 3251500]),
    (LEAN_DAILY.replace("202001", "2020-01-").replace("-0", "-0"), None),
    (LEAN_DAILY.replace("\n", ",0\n"), [3250700, 3227400, 3232200, 3251500]),
])
def test_prices_in_leans_folder_but_not_its_deci_cents_are_not_scaled(text, closes):
    data = text.encode()
    schema = detect_bytes(data, LEAN_PATH)
    assert all(c.multiplier is None for c in schema.columns if c.canonical in ("open", "high", "low", "close"))
    if closes is not None:
        assert _closes(text) == closes

"""A volume column whose commas group thousands in a file whose decimal mark is the comma."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.comma_groups import COMMA_GROUPED, comma_grouped
from backintime_assets.normalisation import normalise_bytes

HEADER = "Datum;Eröffnung;Hoch;Tief;Schluss;Volumen\n"
PRICES = ["10,50;10,80;10,40;10,70", "10,70;10,90;10,60;10,85", "10,85;11,00;10,80;10,95",
          "10,95;11,10;10,90;11,05", "11,05;11,20;11,00;11,15"]
DAYS = ["02.01.2024", "03.01.2024", "04.01.2024", "05.01.2024", "08.01.2024"]


def _file(volumes: list[str]) -> bytes:
    return (HEADER + "".join(f"{d};{p};{v}\n" for d, p, v in zip(DAYS, PRICES, volumes))).encode()


@pytest.mark.parametrize(("volumes", "loaded", "grouped"), [
    # English figures in a German sheet: "1,234,567" is no decimal. Read with the file's comma, the
    # 1,234 had loaded as 1.234 shares and the 1,234,567 been rejected as unparseable.
    (["1,234", "2,345", "987", "1,234,567", "3,456"], [1234, 2345, 987, 1234567, 3456], True),
    (["1,234,567", "2,345,678", "987,654", "1,234,567", "3,456,789"],
     [1234567, 2345678, 987654, 1234567, 3456789], True),
    # Bare "987" beside "1,230": a decimal writer that drops "987,000"'s zeros would write "1,23".
    (["1,230", "2,345", "987", "456", "3,456"], [1230, 2345, 987, 456, 3456], True),
    # Both readings fit: a count in thousands to three places reads so too. The file's decimal stands.
    (["1,234", "2,345", "5,678", "4,321", "3,456"], [1.234, 2.345, 5.678, 4.321, 3.456], False),
    (["1,234", "2,345", "987", "456", "3,456"], [1.234, 2.345, 987, 456, 3.456], False),
    # Fractions of other lengths are decimals: "12,5".
    (["1,234", "12,5", "987", "456", "3,456"], [1.234, 12.5, 987, 456, 3.456], False),
    # A coin's volumes to three places beside a whole coin: "0,125" is a fraction only, and read whole
    # the column would span 2 to 12,375. Read grouped, 1.25 coins had loaded as 1,250.
    (["0,125", "2", "1,250", "12,375", "3,500"], [0.125, 2, 1.25, 12.375, 3.5], False),
    (["5", "2", "1,250", "12,375", "3,500"], [5, 2, 1.25, 12.375, 3.5], False),
    # Lots of a currency pair: 1.5 lots had loaded as 1,500.
    (["1,500", "3", "2,250", "1", "4,750"], [1.5, 3, 2.25, 1, 4.75], False),
])
def test_a_decimal_comma_files_volume_reads_grouped_only_where_no_decimal_reading_fits(volumes, loaded, grouped):
    data = _file(volumes)
    schema = detect_bytes(data, "sap.csv")
    assert schema.decimal == "," and schema.columns[5].canonical == "volume"
    assert schema.columns[5].format == (COMMA_GROUPED if grouped else None)
    result = normalise_bytes(data, schema, "sap.csv")
    assert result.prices.volume.tolist() == pytest.approx(loaded) and len(result.rejected) == 0
    assert result.prices.close.tolist() == [10.7, 10.85, 10.95, 11.05, 11.15]


def test_comma_grouped_decides_on_the_column():
    assert comma_grouped(["1,234,567", "n/a", "12"])
    assert not comma_grouped(["1,234", "2,345"])  # both readings fit
    assert not comma_grouped(["1,234,567", "1234"])  # "1234" ungrouped beside a grouped one: no one writer
    assert comma_grouped(["1,234"] * 30 + ["987"])  # thirty three-place fractions and never fewer places
    assert not comma_grouped(["1,234"] * 29 + ["987"])


def test_a_dotted_cell_past_the_sample_in_a_grouped_volume_is_rejected_not_read_as_a_fraction():
    # Detected on its first rows, the column's commas group thousands; a later row of a German sheet's
    # "1.500" (its dot a thousands mark) had loaded as 1.5 shares.
    schema = detect_bytes(_file(["1,234", "2,345", "987", "1,234,567", "3,456"]), "sap.csv")
    assert schema.columns[5].format == COMMA_GROUPED
    data = _file(["1,234", "2,345", "987", "1,234,567", "3,456"]) + b"09.01.2024;11,15;11,20;11,00;11,10;1.500\n"
    result = normalise_bytes(data, schema, "sap.csv")
    assert result.prices.volume.tolist() == [1234, 2345, 987, 1234567, 3456]
    assert result.rejected.reason.tolist() == ["unparseable value: volume"]


@pytest.mark.parametrize("pattern", ["{t}.Volume", "Volume_{t}", "{t} Volume"])
def test_a_tickers_comma_grouped_volume_named_with_its_ticker_reads_grouped(pattern):
    # Swiss prices ("1'234.50") beside volumes grouped by commas, each ticker's columns named with it.
    # Unnamed as a volume, "3,187,104" was read as text and every row loaded without its volume, no
    # reason given.
    names = ",".join(f"{t}.Close,{pattern.format(t=t)}" for t in ("AAPL", "MSFT"))
    rows = ["2024-01-02,1'185.64,\"3,187,104\",2'370.87,\"25,258,600\"",
            "2024-01-03,1'184.25,\"532,704\",2'370.60,\"1,083,500\"",
            "2024-01-04,1'181.91,\"6,167,335\",2'367.94,\"20,901,500\"",
            "2024-01-05,1'179.30,\"4,087,811\",2'366.10,\"2,457,300\""]
    data = ("Date," + names + "\n" + "\n".join(rows) + "\n").encode()
    schema = detect_bytes(data, "portfolio.csv")
    assert schema.thousands == "'" and schema.problem is None
    result = normalise_bytes(data, schema, "portfolio.csv")
    got = {(t, v) for t, v in zip(result.prices.ticker, result.prices.volume)}
    assert got == {("AAPL", 3187104), ("AAPL", 532704), ("AAPL", 6167335), ("AAPL", 4087811),
                   ("MSFT", 25258600), ("MSFT", 1083500), ("MSFT", 20901500), ("MSFT", 2457300)}
    assert len(result.rejected) == 0


def test_swiss_prices_beside_comma_grouped_volumes_load_every_ticker():
    # A ticker's close in Swiss "1'185.64" beside volumes grouped by commas: counted by cells, the commas
    # won the file's grouping, ACME's closes were text and its rows were lost (PENNY's loaded alone).
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes
    data = (b"Date,ACME Close,ACME Volume,PENNY Close,PENNY Volume\n"
            b'2024-01-02,1\'185.64,"3,187,104",0.0004,"25,258,600"\n'
            b'2024-01-03,1\'184.25,"532,704",0.0005,"1,083,500"\n'
            b'2024-01-04,1\'181.91,"6,167,335",0.0006,"20,901,500"\n')
    schema = detect_bytes(data, "prices.csv")
    assert (schema.decimal, schema.thousands) == (".", "'")
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pandas()
    acme = prices[prices["ticker"] == "ACME"]
    assert acme["close"].tolist() == [1185.64, 1184.25, 1181.91]
    assert acme["volume"].tolist() == [3187104, 532704, 6167335]
    assert prices[prices["ticker"] == "PENNY"]["volume"].tolist() == [25258600, 1083500, 20901500]


def test_one_swiss_close_beside_its_comma_grouped_volume_loads():
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes
    data = (b"Date,Close,Volume\n2024-01-02,1'185.64,\"3,187,104\"\n2024-01-03,1'184.25,\"532,704\"\n"
            b"2024-01-04,981.91,\"6,167,335\"\n2024-01-05,1'190.00,\"1,822,696\"\n")
    result = normalise_bytes(data, detect_bytes(data, "ACME.csv"), "ACME.csv")
    assert result.prices_arrow["close"].to_pylist() == [1185.64, 1184.25, 981.91, 1190.0]
    assert result.prices_arrow["volume"].to_pylist() == [3187104, 532704, 6167335, 1822696]

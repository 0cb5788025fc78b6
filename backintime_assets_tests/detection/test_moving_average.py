import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes


def _data(header: str) -> bytes:
    return (header + "\n" + "".join(f"2024-01-0{d}" + f",10{d}.5" * header.count(",") + "\n"
                                    for d in range(2, 6))).encode()


@pytest.mark.parametrize("header", ["Date,ema_close", "Date,Close SMA20", "Date,close_ma20", "Date,MA 50 Close",
                                    "Date,Close (MA20)", "Date,Open,Close 20-Day Moving Average", "Date,sma_close",
                                    "Date,Close 50 SMA", "date,ema_close,ema_volume",
                                    # an average over a period in words, or in another language's words
                                    "Date,Close (20-day avg)", "Date,Close 20D Mean", "Date,Close 200 DMA",
                                    "Datum,Schluss GD200", "Date,Clôture MM20", "Date,Close 10 Week Average",
                                    "Date,Clôture (moyenne 20 jours)", "Date,Close 20 Tage Durchschnitt",
                                    "Date,Cierre (promedio 20 días)", "Date,Close media mobile 50",
                                    "Date,Close Moyenne Mobile"])
def test_a_close_named_as_a_moving_average_is_no_days_close(header):
    # Alone in its file, each had loaded as the day's close without a word. An indicator's file of averages
    # of the close and of the volume holds neither a day's price nor its volume: refused, as decided.
    # 7fc666e knew an average by its English quant's names only; German's "GD", French "MM", and averages
    # written out with their period (in English, French, German, Spanish, Italian) loaded as closes too.
    data = _data(header)
    schema = detect_bytes(data, "ma.csv")
    assert schema.problem is not None and "moving average" in schema.problem
    assert normalise_bytes(data, schema, "ma.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("header", ["Date,EMA Close", "Date,MA Close", "Date,Close,Close SMA20", "Date,Gamma Close",
                                    "Date,Close,sma_20"])
def test_a_ticker_s_close_or_the_close_beside_an_average_loads(header):
    # EMA (Emera) and MA (Mastercard) are tickers; beside the day's close, an average is left unread.
    data = _data(header)
    schema = detect_bytes(data, "ma.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "ma.csv").prices_arrow.num_rows == 4


@pytest.mark.parametrize("header", ["Date,Avg Close", "Date,Close Mean", "Date,GD Close", "Date,Close,MM20",
                                    "Date,Close Media", "Date,Close 20 Tage", "Date,Close,Media 20"])
def test_an_average_without_its_period_or_beside_the_close_loads(header):
    # The day's average price, General Dynamics' close, and the close beside its average.
    data = _data(header)
    schema = detect_bytes(data, "ma.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "ma.csv").prices_arrow.num_rows == 4

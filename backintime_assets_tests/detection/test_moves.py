import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

_VOLUMES = ["1523.4", "2034.1", "987.6", "1800.2", "1210.7", "2250.3"]
_BRL_YEARS = ["1.9554", "2.3204", "3.5333", "2.8892", "1.7713", "2.3370"]  # USD/BRL at year ends, 2000 on
_MONTH_ENDS = ["2024-01-31", "2024-02-29", "2024-03-29", "2024-04-30", "2024-05-31", "2024-06-28"]


@pytest.mark.parametrize("dates,values,rates", [
    # A pair's volume in millions, day by day or month by month: no rates. Month by month it had loaded
    # alone as USD/TRY's rates (silent), where a matrix of two pairs' was refused.
    ([f"2024-11-{d}" for d in range(11, 17)], _VOLUMES, False),
    (_MONTH_ENDS, _VOLUMES, False),
    # A floating currency's year-end rates move tens of percent both ways: rates, alone and in a matrix
    # (refused in one before, as "volumes, money traded or returns?").
    ([f"{y}-12-29" for y in range(2000, 2006)], _BRL_YEARS, True),
    # A month's rates move a few percent.
    (_MONTH_ENDS, ["4.9530", "4.9870", "5.0010", "5.1990", "5.2500", "5.5900"], True),
])
def test_a_pair_alone_and_pairs_side_by_side_are_judged_alike(dates, values, rates):
    lone = "Date,USD/TRY\n" + "".join(f"{d},{v}\n" for d, v in zip(dates, values))
    matrix = "Date,USD/TRY,USD/BRL\n" + "".join(f"{d},{v},{v}\n" for d, v in zip(dates, values))
    for text in (lone, matrix):
        data = text.encode()
        result = normalise_bytes(data, detect_bytes(data, "fx.csv"), "fx.csv")
        assert (len(result.prices) > 0) is rates, text
        assert result.rows_read == len(result.prices) + len(result.rejected)

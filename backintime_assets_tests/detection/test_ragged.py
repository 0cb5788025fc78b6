"""Ragged rows: rows short of the header by trailing fields their writer leaves out, rows longer by
empty trailing fields (detection/ragged.py)."""

import datetime as dt

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.ragged import named_width, ragged_from
from backintime_assets.detection.schema import FileSchema
from backintime_assets.normalisation import normalise_bytes

# google/transitfeed's sample stop_times.txt, cut down: most rows leave the optional trailing fields out.
GTFS = (b"trip_id,arrival_time,departure_time,stop_id,stop_sequence,stop_headsign,pickup_type,drop_off_type,"
        b"shape_dist_traveled\n"
        b"STBA,6:00:00,6:00:00,STAGECOACH,1,to airport,1,0,0.212\n"
        b"STBA,6:20:00,6:20:00,BEATTY_AIRPORT,2,,0,0,1.043\n"
        b"CITY1,6:00:00,6:00:00,STAGECOACH,1\n"
        b"CITY1,6:05:00,6:07:00,NANAA,2,going to nadav,2,3,\n"
        b"CITY1,6:12:00,6:14:00,NADAV,3\n"
        b"CITY1,6:19:00,6:21:00,DADAN,4\n"
        b"CITY1,6:26:00,6:28:00,EMSI,5\n"
        b"CITY2,6:28:00,6:30:00,EMSI,1\n"
        b"CITY2,6:35:00,6:37:00,DADAN,2\n"
        b"AB1,8:00:00,8:00:00,BEATTY_AIRPORT,1\n")


def test_a_feed_whose_rows_leave_trailing_fields_out_keeps_every_header_column():
    # The width most rows have (5) had cost the feed its last four columns.
    s = detect_bytes(GTFS, "stop_times.txt")
    assert [c.name for c in s.columns] == ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence",
                                           "stop_headsign", "pickup_type", "drop_off_type", "shape_dist_traveled"]
    assert [c.type for c in s.columns][4:8] == ["integer", "string", "integer", "integer"]
    assert s.ragged_from == 5
    assert FileSchema.from_json(s.to_json()).ragged_from == 5


def test_a_column_no_sampled_row_fills_is_reported_empty():
    # "Notiz" filled on no row of the sample but under a header that names it, rows of every length.
    rows = [f"2021-01-{d:02d};10{d},5;10{d},9;10{d},1;10{d},7;{d}00" for d in range(4, 16)]
    rows[3] = rows[3].rsplit(";", 1)[0]  # no volume
    rows[7] = rows[7].rsplit(";", 1)[0]
    rows[9] += ";Dividende"
    s = detect_bytes(("Datum;Eröffnung;Hoch;Tief;Schluss;Volumen;Notiz\n" + "\n".join(rows) + "\n").encode(), "x.csv")
    assert [c.name for c in s.columns][-2:] == ["Volumen", "Notiz"]
    assert (s.columns[-1].type, s.columns[-1].canonical, s.ragged_from) == ("string", None, 5)


def test_rows_longer_than_the_header_by_empty_fields_add_no_column():
    for end in (",", ",,"):
        text = "a,b,c\n" + "".join(f"{k},x{k},{k}.5{end}\n" for k in range(1, 9))
        s = detect_bytes(text.encode(), "x.csv")
        assert [c.name for c in s.columns] == ["a", "b", "c"], end
    # Rows of either, and a header that ends in a delimiter over rows that do not.
    text = "Date,Close,Volume\n" + "".join(f"2021-01-{d:02d},1{d}.5,{d}00{',' * (d % 3)}\n" for d in range(4, 16))
    assert [c.name for c in detect_bytes(text.encode(), "x.csv").columns] == ["Date", "Close", "Volume"]
    # A last column the header leaves unnamed but the rows fill stays.
    text = "Date,Close\n" + "".join(f"2021-01-{d:02d},1{d}.5,{d}00\n" for d in range(4, 16))
    assert len(detect_bytes(text.encode(), "x.csv").columns) == 3


def test_short_rows_read_padded_only_on_evidence_across_the_rows():
    def data_like(f):
        return f[0][:1].isdigit()
    full = [["1", "2", "3", "4"]] * 6
    short = [["1", "2", "3"], ["5", "6"]]
    assert ragged_from(full[:3] + short + full[3:], 4, data_like) == 2
    assert ragged_from(full + short, 4, data_like) is None  # below every full row: a block of their own
    assert ragged_from(full + short[:1], 4, data_like) is None  # one short row may be damaged
    assert ragged_from(short * 3, 4, data_like) is None  # no row shows the last column exists
    assert ragged_from(full + [["1", "2", ""], ["5", "6"]], 4, data_like) is None  # ends in an empty field
    written = [["1", "2", "3", ""]] + full  # the writer writes a full row's empty last field
    assert ragged_from(written + short, 4, data_like) is None
    # unless short rows are the file's way
    assert ragged_from(written[:1] + short * 2 + written[1:2], 4, data_like) == 2
    assert ragged_from(full + [["x", "2", "3"], ["5", "6"]], 4, data_like) is None  # a short row not data


def test_named_width_drops_only_empty_fields_past_the_names():
    assert named_width(["a", "b", "c"], [["1", "2", "3", ""], ["1", "2", "3", "", ""]], 5) == 3
    assert named_width(["a", "b", "c"], [["1", "2", "3", "9"], ["1", "2", "3", ""]], 4) == 4
    assert named_width(["a", "b", "c", ""], [["1", "2", "3", ""]], 4) == 3


def test_short_rows_only_below_the_last_full_row_show_no_writer_leaving_fields_out():
    # Two rows "date,value" under a price table: another table (dividends), or the file's last rows cut.
    rows = [["2021-02-%02d" % d, "150.5", "1200000"] for d in range(1, 20)]
    tail = [["2021-03-05", "0.24"], ["2021-06-04", "0.25"]]
    assert ragged_from(rows + tail, 3, lambda f: True) is None
    assert ragged_from(rows[:5] + tail + rows[5:], 3, lambda f: True) == 2


def test_a_column_the_header_leaves_unnamed_and_later_rows_fill_stays():
    # Rows end in ";" for a year, then in ";1.2" (an unnamed VWAP written from then on): read at the
    # header's width from the first rows, each later row was rejected for its field count.
    days = [d.isoformat() for d in (dt.date(2020, 1, 1) + dt.timedelta(k) for k in range(480)) if d.weekday() < 5]
    rows = [f"{day};1;2;0.5;1.5;" + ("1.2" if k >= 250 else "") for k, day in enumerate(days)]
    data = ("Date;Open;High;Low;Close\n" + "\n".join(rows) + "\n").encode()
    s = detect_bytes(data, "X.csv")
    assert len(s.columns) == 6 and s.columns[5].canonical is None
    r = normalise_bytes(data, s, "X.csv")
    assert r.rejected.empty and len(r.prices) == len(days)
    # Empty to the end, the field past the names is no column (the change this follows).
    assert len(detect_bytes(data.replace(b";1.2\n", b";\n"), "X.csv").columns) == 5


def test_rows_of_the_fewest_fields_may_end_empty_where_the_writer_always_writes_them():
    # datasets/currency-codes: five fields on every row (",,," for a territory without a currency),
    # "WithdrawalDate" and "Remark" on the withdrawn currencies' rows only. Read at the width most rows
    # have, the header lost its last two names and those rows were rejected for their field count.
    data = ("Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate,Remark\n"
            "AFGHANISTAN,Afghani,AFN,971,2\nALBANIA,Lek,ALL,008,2\nALGERIA,Algerian Dinar,DZD,012,2\n"
            "ANTARCTICA,No universal currency,,,\nBAHRAIN,Bahraini Dinar,BHD,048,3\n"
            "INTERNATIONAL MONETARY FUND (IMF) ,SDR (Special Drawing Right),XDR,960,N.A.\n"
            "ZZ05_UIC-Franc,UIC-Franc,XFU,Nil,N.A.\nZZ08_Gold,Gold,XAU,959,N.A.\n"
            "AFGHANISTAN,Afghani,AFA,4,,2003-01\nALBANIA,Old Lek,ALK,\u2014,,1989-12,non ISO code\n"
            "ANDORRA,Andorran Peseta,ADP,20,,2003-07\nARGENTINA,Peso,ARY,\u2014,,1989 to 1990,non ISO code\n").encode()
    s = detect_bytes(data, "codes-all.csv")
    assert [c.name for c in s.columns][4:] == ["MinorUnit", "WithdrawalDate", "Remark"]
    assert s.ragged_from == 5
    r = normalise_bytes(data, s, "codes-all.csv")
    assert r.rows_read == 12 and not any("field count" in x for x in r.rejected_arrow.column("reason").to_pylist())

    def data_like(f):
        return f[0][:1].isdigit()
    full = [["1", "2", "3", "4", "5"]] * 4
    # Only rows of the fewest fields may end empty, where short rows of several lengths show the writer
    # writes the later fields up to the last value, and most short rows end in one.
    assert ragged_from(full[:1] + [["1", "2", ""], ["5", "6", "7", "8"], ["8", "9", "1"], ["4", "3", "2"]] + full[3:],
                       5, data_like) == 3
    # A few such rows among full ones are lines cut at several places: rejected, not read padded.
    cut = [["1", "2", ""], ["5", "6", "7", "8"], ["8", "9", "1"]]
    assert ragged_from(full[:2] + cut + full[2:], 5, data_like) is None
    assert ragged_from(full[:2] + [["1", "2", ""], ["5", "6", "7"], ["8", "9", "1"]] + full[2:], 5, data_like) is None
    assert ragged_from(full[:2] + [["1", "2", "3"], ["5", "6", "7", ""], ["8", "9"]] + full[2:], 5, data_like) is None
    assert ragged_from(full[:2] + [["1", "2", ""], ["5", "6", ""], ["8", "9", "1", "2"]] + full[2:], 5,
                       data_like) is None


def test_a_few_lines_cut_at_several_places_are_rejected_not_read_padded():
    # Full rows of eight fields; one line cut after the close's delimiter, one inside the volume
    # ("1" of "5432"), one after the adjusted close. Read padded from six fields, the cut volume
    # loaded as 1, no reason given.
    days = [f"2024-01-{d:02d}" for d in (2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 22, 23)]
    rows = [f"{d},10.{k},10.9,9.{k},10.5,10.4,{5000 + k},0.1" for k, d in enumerate(days)]
    rows[4] = f"{days[4]},10.4,10.9,9.4,10.5,"
    rows[9] = f"{days[9]},10.9,10.9,9.9,10.5,10.4,1"
    rows[13] = f"{days[13]},10.3,10.9,9.3,10.5,10.4"
    data = ("Date,Open,High,Low,Close,Adj Close,Volume,Dividends\n" + "\n".join(rows) + "\n").encode()
    s = detect_bytes(data, "ACME.csv")
    assert len(s.columns) == 8 and s.ragged_from is None
    r = normalise_bytes(data, s, "ACME.csv")
    reasons = r.rejected_arrow.column("reason").to_pylist()
    assert len(r.prices_arrow) == 13 and sum("field count" in x for x in reasons) == 3
    assert 1.0 not in r.prices_arrow.column("volume").to_pylist()

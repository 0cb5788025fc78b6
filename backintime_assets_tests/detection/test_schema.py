import json

from backintime_assets.detection.schema import ColumnSchema, FileSchema


def schema():
    return FileSchema(file="a.csv", encoding="utf-8", delimiter=";", quotechar='"', escapechar=None,
                      line_terminator="\r\n", header_row=2, data_start_line=3, footer_lines=1, decimal=",",
                      thousands=".", file_format="csv",
                      columns=[ColumnSchema("Datum", "date", "%d.%m.%Y", 0.9, "date"),
                               ColumnSchema("Kurs", "float", None, 1.0, "close")])


def test_json_contract_keys():
    d = json.loads(schema().to_json())
    for key in ("file", "encoding", "delimiter", "quotechar", "escapechar", "line_terminator", "header_row", "columns"):
        assert key in d
    assert d["columns"][0] == {"name": "Datum", "type": "date", "format": "%d.%m.%Y", "confidence": 0.9,
                               "canonical": "date"}
    assert "\n" not in schema().to_json()  # one object per line


def test_round_trip_and_unknown_keys_ignored():
    d = schema().to_dict()
    d["future_field"] = 1
    d["columns"][1]["extra"] = True
    back = FileSchema.from_dict(d)
    assert back == schema()
    assert FileSchema.from_json(schema().to_json()) == schema()
    assert back.canonical_map() == {"date": 0, "close": 1}


def test_skipping_initial_spaces_is_in_the_json_and_off_in_schemas_stored_before_it():
    assert json.loads(schema().to_json())["skipinitialspace"] is False
    old = schema().to_dict()
    del old["skipinitialspace"]
    assert FileSchema.from_dict(old).skipinitialspace is False
    spaced = FileSchema.from_json(json.dumps(dict(old, skipinitialspace=True)))
    assert spaced.skipinitialspace is True


def test_a_multiplier_and_a_unit_are_in_the_json_only_where_declared():
    s = schema()
    s.columns.append(ColumnSchema("Volume ('000)", "integer", None, 1.0, "volume", multiplier=1000))
    s.columns.append(ColumnSchema("成交量(手)", "integer", None, 1.0, None, unit="手"))
    d = json.loads(s.to_json())
    assert "multiplier" not in d["columns"][1] and "unit" not in d["columns"][1]
    assert d["columns"][2]["multiplier"] == 1000 and d["columns"][3]["unit"] == "手"
    assert FileSchema.from_json(s.to_json()) == s
    assert FileSchema.from_json(schema().to_json()).columns[1].multiplier is None  # stored before: 1


def test_a_days_date_and_its_source_are_in_the_json_only_where_taken():
    assert "day" not in schema().to_dict() and "date_from" not in schema().to_dict()  # stored before: alike
    dated = FileSchema.from_dict(dict(schema().to_dict(), day="2024-01-02", date_from="title line 1: 2024/01/02"))
    d = json.loads(dated.to_json())
    assert (d["day"], d["date_from"]) == ("2024-01-02", "title line 1: 2024/01/02")
    assert FileSchema.from_json(dated.to_json()) == dated
    assert FileSchema.from_json(schema().to_json()).day is None


def test_a_wrapped_tables_quote_is_in_the_json_only_where_its_lines_are_wrapped():
    assert "wrapped" not in schema().to_dict()  # stored before: alike
    assert FileSchema.from_json(schema().to_json()).wrapped is None
    wrapped = FileSchema.from_dict(dict(schema().to_dict(), wrapped="'"))
    assert json.loads(wrapped.to_json())["wrapped"] == "'"
    assert FileSchema.from_json(wrapped.to_json()) == wrapped


def test_a_header_named_ticker_is_in_the_json_only_where_named():
    assert "ticker" not in schema().to_dict()  # stored before it: alike
    named = FileSchema.from_dict(dict(schema().to_dict(), ticker="7203.T"))
    assert json.loads(named.to_json())["ticker"] == "7203.T"
    assert FileSchema.from_json(named.to_json()) == named
    assert FileSchema.from_json(schema().to_json()).ticker is None


def test_an_unseen_decimal_mark_is_in_the_json_only_where_set():
    assert "decimal_unseen" not in json.loads(schema().to_json())  # schemas stored before it read alike
    unseen = schema()
    unseen.decimal_unseen = True
    assert json.loads(unseen.to_json())["decimal_unseen"] is True
    assert FileSchema.from_json(unseen.to_json()).decimal_unseen is True

"""Schema JSON read once per layout: the same dicts and reading keys as reading every text whole."""
import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.render import PRICE_HEADER, Style, render_table, sample_prices
from backintime_assets.ingestion import schema_texts
from backintime_assets.ingestion.parsed import FileTask, group_files, reading_hash
from backintime_assets.ingestion.schema_texts import reading_key, reading_key_of, schema_dict

_SCHEMA = detect_bytes(render_table(PRICE_HEADER, sample_prices(40, seed=1, tickers=2), Style()), "a.csv")


def _texts(schema: dict) -> list[str]:
    """The schema as FileSchema.to_json writes it, as json.dumps of a stored schema does, and with
    its name elsewhere than first."""
    moved = {k: v for k, v in schema.items() if k != "file"} | {"file": schema.get("file")}
    return [json.dumps(schema, ensure_ascii=False, separators=(",", ":")), json.dumps(schema), json.dumps(moved)]


@settings(max_examples=200, deadline=None)
@given(name=st.one_of(st.none(), st.text()), borrowed=st.one_of(st.none(), st.text(max_size=5)),
       column=st.sampled_from(["Close", "file", '"file":', 'a\\"b']), confidence=st.floats(0, 1))
def test_every_text_reads_as_json_loads_reads_it(name, borrowed, column, confidence):
    schema = _SCHEMA.to_dict() | {"file": name, "borrowed_from": borrowed, "confidence": confidence}
    schema["columns"] = [dict(schema["columns"][0], name=column), *schema["columns"][1:]]
    for text in _texts(schema):
        assert schema_dict(text) == json.loads(text)
        assert reading_key_of(text) == reading_key(json.loads(text))


def test_a_second_name_in_the_text_wins_as_in_json_loads():
    text = '{"file":"x.csv",' + _SCHEMA.to_json()[1:]  # then "file":"a.csv"
    assert schema_dict(text)["file"] == "a.csv" == json.loads(text)["file"]


def test_files_of_one_layout_are_parsed_once(monkeypatch):
    # A daily run: a thousand files of one template, schemas differing in the file's name alone.
    schema_texts._read.cache_clear()
    schema_texts._layout.cache_clear()
    texts = [json.dumps(_SCHEMA.to_dict() | {"file": f"f{k}.csv", "borrowed_from": "f0.csv"}) for k in range(200)]
    tasks = [FileTask(f"f{k}.csv", f"f{k}.csv", text, dt.date(2020, 1, 2), k, 100) for k, text in enumerate(texts)]
    loads, parsed = json.loads, []

    def counted(text, *args, **kwargs):
        if len(text) > 100:  # a schema, not a file's name
            parsed.append(text)
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counted)
    groups = group_files(tasks, 1 << 20)
    readings = {reading_hash(t.schema_json) for t in tasks}
    assert len(groups) == 1 and len(groups[0].tasks) == 200 and len(readings) == 1
    assert len(parsed) <= 2  # the layout, and the group's shared schema
    monkeypatch.undo()
    assert [schema_dict(t) for t in texts] == [json.loads(t) for t in texts]


def test_a_wrapped_tables_quote_is_part_of_its_reading():
    # Lines read unwrapped or as they stand give other rows: a schema of each keys its rows apart,
    # and one without the field keys them as it did before the field was.
    plain = _SCHEMA.to_dict()
    wrapped = dict(plain, wrapped='"')
    assert "wrapped" not in plain
    assert reading_key(wrapped) != reading_key(plain)
    assert reading_hash(json.dumps(wrapped)) != reading_hash(json.dumps(plain))


def test_the_tickers_a_survey_found_stacked_leave_the_reading_alike():
    # What the whole file was found to hold (tables under their own tickers) changes nothing of how
    # it reads: its kept rows stay found under the reading the survey read them with.
    plain = '{"file":"p.csv","ticker":"AAPL","columns":[]}'
    found = '{"file":"p.csv","ticker":"AAPL","stacked_tickers":"AAPL, MSFT","columns":[]}'
    assert reading_key_of(found) == reading_key_of(plain)


def test_the_evening_stamps_noted_change_no_reading():
    # Rows kept before detection noted them (ColumnSchema.evenings) stay found under the same reading.
    new = detect_bytes(b"time,close\n1704294000,2510\n", "a.csv").to_dict()
    stored = json.loads(json.dumps(new))
    del stored["columns"][0]["evenings"]
    assert new["columns"][0]["evenings"] and reading_key(new) == reading_key(stored)

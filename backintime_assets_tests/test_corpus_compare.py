"""scripts/corpus_compare.py: the record a detection change is judged by, with schema digests on request."""
import importlib.util
import json
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "corpus_compare.py"
_spec = importlib.util.spec_from_file_location("corpus_compare", _SCRIPT)
corpus_compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_compare)

PRICES = "Date,Ticker,Open,High,Low,Close,Volume\n" + "".join(
    f"2024-01-{d:02d},ACME,10.5,11.25,10.0,11.0,{1000 + d}\n" for d in (2, 3, 4, 5, 8, 9))


def _corpus(root: Path, text: str) -> Path:
    folder = root / "corpus"
    folder.mkdir(parents=True)
    (folder / "acme.csv").write_text(text)
    return folder


def test_schemas_are_recorded_only_when_asked(tmp_path):
    folder = _corpus(tmp_path, PRICES)
    corpus_compare.record(tmp_path / "plain.json", [folder], None)
    corpus_compare.record(tmp_path / "schemas.json", [folder], None, schemas=True)
    plain = json.loads((tmp_path / "plain.json").read_text())["corpus/acme.csv"]
    with_schema = json.loads((tmp_path / "schemas.json").read_text())["corpus/acme.csv"]
    assert "schema" not in plain and len(with_schema.pop("schema")) == 32
    assert plain == with_schema and plain["loaded"] == 6


def test_a_schema_that_differs_where_the_rows_agree_is_reported(tmp_path, capsys):
    # The same rows under a header of other spelling: the loaded rows digest alike, the schemas do not.
    before = _corpus(tmp_path / "a", PRICES)
    after = _corpus(tmp_path / "b", PRICES.replace("Volume", "Vol."))
    corpus_compare.record(tmp_path / "before.json", [before], None, schemas=True)
    corpus_compare.record(tmp_path / "after.json", [after], None, schemas=True)
    corpus_compare.diff(tmp_path / "before.json", tmp_path / "after.json")
    assert "1 of 1 files differ" in capsys.readouterr().out
    # A record without schemas compares with one with them on the rest: here, nothing differs.
    corpus_compare.record(tmp_path / "plain.json", [before], None)
    corpus_compare.diff(tmp_path / "plain.json", tmp_path / "after.json")
    assert "0 of 1 files differ" in capsys.readouterr().out


def test_the_schema_digest_tells_apart_a_change_of_any_field_but_the_files_path():
    # A digest of names and types alone passed the test above: a cheaper detection that moved a
    # confidence or a note (what no loaded row shows) would have compared equal.
    from dataclasses import replace

    from backintime_assets.detection import detect_bytes

    schema = detect_bytes(PRICES.encode(), "a/acme.csv")
    digest = corpus_compare._schema_digest(schema)
    assert corpus_compare._schema_digest(replace(schema, file="b/acme.csv")) == digest
    first, *others = schema.columns
    for changed in (replace(schema, columns=[replace(first, confidence=first.confidence / 2), *others]),
                    replace(schema, columns=[replace(first, order_from="order settled by 1 sibling"), *others]),
                    replace(schema, decimal_unseen=True), replace(schema, ticker="ACME")):
        assert corpus_compare._schema_digest(changed) != digest

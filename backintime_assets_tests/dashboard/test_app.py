import json

import plotly.graph_objects as go
import pytest

from backintime_assets_tests.dashboard.conftest import D1, D2, D3, D4
from dashboard.app import (
    NO_TRADES,
    create_app,
    update_date_range,
    update_sectors,
    update_tickers,
    update_view,
)
from dashboard.figures import TOTAL_TRACE

pytestmark = pytest.mark.postgres


def _traces(fig: go.Figure) -> dict:
    return {t.name: (list(t.x), list(t.y)) for t in fig.data}


def _text(component) -> str:
    """All text inside a Dash component tree, spans separated by a space."""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(_text(c) for c in component)
    children = getattr(component, "children", None) or ""
    if isinstance(children, list):
        return "".join(_text(c) for c in children)
    return _text(children)


def test_sector_selection_narrows_tickers(trades_db):
    options, value = update_sectors(trades_db, "momentum")
    assert [o["value"] for o in options] == ["Energy", "Health", "Tech"] and value == []
    all_options, _ = update_tickers(trades_db, [], "momentum")
    tech_options, _ = update_tickers(trades_db, ["Tech"], "momentum")
    assert [o["value"] for o in all_options] == ["AAPL", "MSFT", "PFE", "XOM"]
    assert [o["value"] for o in tech_options] == ["AAPL", "MSFT"]


def test_ticker_selection_keeps_only_tickers_still_offered(trades_db):
    _, value = update_tickers(trades_db, ["Tech"], "momentum", ["XOM", "MSFT"])
    assert value == ["MSFT"]


def test_date_range_spans_the_strategy(trades_db):
    assert update_date_range(trades_db, "momentum") == (D1.isoformat(), D4.isoformat()) * 2
    assert update_date_range(trades_db, None) == (None, None, None, None)


def test_figure_for_a_sector(trades_db):
    fig, _ = update_view(trades_db, "momentum", ["Tech"], [], None, None)
    assert _traces(fig) == {
        TOTAL_TRACE: ([D1, D2, D3], [4.75, -0.75, -2.0]),
        "AAPL": ([D1, D3], [1.75, -2.0]),
        "MSFT": ([D1, D2], [3.0, -0.75]),
    }


def test_figure_for_a_ticker_and_date_window(trades_db):
    fig, summary = update_view(trades_db, "momentum", ["Tech"], ["AAPL"], D1.isoformat(), "2024-01-02T00:00:00")
    assert _traces(fig) == {TOTAL_TRACE: ([D1], [1.75]), "AAPL": ([D1], [1.75])}
    assert _text(summary) == "Trades: 2 Tickers: 1 Total PnL: 1.75"


def test_selection_without_trades_says_so(trades_db):
    fig, _ = update_view(trades_db, "momentum", ["Energy"], [], D3.isoformat(), D3.isoformat())
    assert fig.data == ()
    assert [a.text for a in fig.layout.annotations] == ["no trades match this selection"]


def test_empty_database(empty_trades_db):
    assert update_sectors(empty_trades_db, None) == ([], [])
    assert update_tickers(empty_trades_db, None, None) == ([], [])
    fig, summary = update_view(empty_trades_db, None, None, None, None, None)
    assert fig.data == () and [a.text for a in fig.layout.annotations] == [NO_TRADES]
    assert _text(summary) == NO_TRADES


def test_app_serves_layout_and_runs_callbacks(trades_db):
    client = create_app(trades_db).server.test_client()
    layout = json.dumps(client.get("/_dash-layout").get_json())
    assert '"value": "mean_reversion"' in layout and '"momentum"' in layout
    response = client.post("/_dash-update-component", json={
        "output": "..tickers.options...tickers.value..",
        "outputs": [{"id": "tickers", "property": "options"}, {"id": "tickers", "property": "value"}],
        "inputs": [{"id": "sectors", "property": "value", "value": ["Energy"]},
                   {"id": "strategy", "property": "value", "value": "momentum"}],
        "state": [{"id": "tickers", "property": "value", "value": []}],
        "changedPropIds": ["sectors.value"],
    })
    assert response.status_code == 200, response.data
    assert response.get_json()["response"]["tickers"]["options"] == [{"label": "XOM", "value": "XOM"}]


def test_app_starts_on_a_database_without_the_table(postgres_url):
    client = create_app(postgres_url).server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200

"""The analysts' Dash app: pick a strategy, narrow by sector and ticker and dates, see PnL per purchase date.

The callbacks are plain module-level functions taking the database URL first, so tests call them
directly; `create_app` binds the URL and registers them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import dash
import plotly.graph_objects as go
from dash import Input, Output, State, dcc, html

from dashboard import data
from dashboard.figures import empty_figure, pnl_figure, summary

NO_TRADES = "no trades yet"


def _options(values: Sequence[str]) -> list[dict]:
    return [{"label": v, "value": v} for v in values]


def _parse_date(value: str | None) -> dt.date | None:
    # DatePickerRange sends "YYYY-MM-DD", sometimes with a time part after a manual edit.
    return dt.date.fromisoformat(value[:10]) if value else None


def update_sectors(db_url: str, strategy: str | None) -> tuple[list[dict], list[str]]:
    """Sector options of the strategy; the selection starts empty (meaning all sectors)."""
    return _options(data.sectors(db_url, strategy)), []


def update_tickers(
    db_url: str, sectors: Sequence[str] | None, strategy: str | None, selected: Sequence[str] | None = None
) -> tuple[list[dict], list[str]]:
    """Ticker options narrowed to the chosen sectors; keeps those already selected that still apply."""
    names = data.tickers(db_url, strategy, sectors)
    kept = set(names)
    return _options(names), [t for t in (selected or []) if t in kept]


def update_date_range(db_url: str, strategy: str | None) -> tuple[str | None, str | None, str | None, str | None]:
    """(min allowed, max allowed, start, end) as ISO dates: the whole history of the strategy."""
    first, last = data.date_bounds(db_url, strategy)
    first_s = first.isoformat() if first else None
    last_s = last.isoformat() if last else None
    return first_s, last_s, first_s, last_s


def update_view(
    db_url: str,
    strategy: str | None,
    sectors: Sequence[str] | None,
    tickers: Sequence[str] | None,
    start: str | None,
    end: str | None,
) -> tuple[go.Figure, list]:
    """The PnL figure and the summary for the selection; no tickers/sectors selected means all of them."""
    if not strategy:
        return empty_figure(NO_TRADES), _summary_children(None)
    frame = data.pnl_by_purchase_date(db_url, strategy, sectors, tickers, _parse_date(start), _parse_date(end))
    return pnl_figure(frame), _summary_children(summary(frame))


def _summary_children(figures: dict | None) -> list:
    if figures is None:
        return [html.Span(NO_TRADES, id="summary-empty")]
    gap = {"marginRight": "2em"}
    return [
        html.Span(["Trades: ", html.B(f"{figures['trades']:,}", id="summary-trades")], style=gap),
        html.Span(["Tickers: ", html.B(f"{figures['tickers']:,}", id="summary-tickers")], style=gap),
        html.Span(["Total PnL: ", html.B(f"{figures['total_pnl']:,.2f}", id="summary-pnl")], style=gap),
    ]


def _layout(db_url: str) -> html.Div:
    # Built on every page load so strategies added by a new backtest run appear on refresh.
    names = data.strategies(db_url)
    label = {"fontWeight": "bold", "display": "block", "marginTop": "0.6em"}
    return html.Div(
        style={"fontFamily": "sans-serif", "maxWidth": "1200px", "margin": "0 auto", "padding": "1em"},
        children=[
            html.H2("Back In Time — backtest PnL"),
            html.Div(
                style={"display": "grid", "gridTemplateColumns": "1fr 1fr", "columnGap": "1em"},
                children=[
                    html.Div([
                        html.Label("Strategy", htmlFor="strategy", style=label),
                        dcc.Dropdown(id="strategy", options=_options(names), value=names[0] if names else None,
                                     clearable=False, placeholder="no strategies yet"),
                    ]),
                    html.Div([
                        html.Label("Purchase dates", htmlFor="date-range", style=label),
                        dcc.DatePickerRange(id="date-range", display_format="YYYY-MM-DD"),
                    ]),
                    html.Div([
                        html.Label("Sectors", htmlFor="sectors", style=label),
                        dcc.Dropdown(id="sectors", multi=True, value=[], placeholder="all sectors"),
                    ]),
                    html.Div([
                        html.Label("Tickers", htmlFor="tickers", style=label),
                        dcc.Dropdown(id="tickers", multi=True, value=[], placeholder="all tickers"),
                    ]),
                ],
            ),
            dcc.Graph(id="pnl-graph", style={"height": "60vh"}),
            html.Div(id="summary", style={"fontSize": "1.1em"}),
        ],
    )


def create_app(db_url: str) -> dash.Dash:
    app = dash.Dash(__name__, title="Back In Time")
    app.layout = lambda: _layout(db_url)

    @app.callback(Output("sectors", "options"), Output("sectors", "value"), Input("strategy", "value"))
    def _sectors(strategy):
        return update_sectors(db_url, strategy)

    @app.callback(
        Output("tickers", "options"),
        Output("tickers", "value"),
        Input("sectors", "value"),
        Input("strategy", "value"),
        State("tickers", "value"),
    )
    def _tickers(sectors, strategy, selected):
        return update_tickers(db_url, sectors, strategy, selected)

    @app.callback(
        Output("date-range", "min_date_allowed"),
        Output("date-range", "max_date_allowed"),
        Output("date-range", "start_date"),
        Output("date-range", "end_date"),
        Input("strategy", "value"),
    )
    def _dates(strategy):
        return update_date_range(db_url, strategy)

    @app.callback(
        Output("pnl-graph", "figure"),
        Output("summary", "children"),
        Input("strategy", "value"),
        Input("sectors", "value"),
        Input("tickers", "value"),
        Input("date-range", "start_date"),
        Input("date-range", "end_date"),
    )
    def _view(strategy, sectors, tickers, start, end):
        return update_view(db_url, strategy, sectors, tickers, start, end)

    return app

"""Turn a PnL-by-purchase-date frame (see `dashboard.data`) into the plot and the summary line.

Pure functions of the frame, so they are tested without a database or a browser.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# More per-ticker lines than this turn the plot into noise; the total bar still shows them all.
MAX_TICKER_TRACES = 8
TOTAL_TRACE = "all selected"
ONE_DAY_MS = 86_400_000
SHORT_SPAN_DAYS = 14


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
                       font={"size": 18})
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, template="plotly_white")
    return fig


def pnl_figure(frame: pd.DataFrame, empty_message: str = "no trades match this selection") -> go.Figure:
    """Bars of the PnL summed over all tickers per purchase date, plus one line per ticker when few."""
    if frame.empty:
        return empty_figure(empty_message)
    total = frame.groupby("purchase_date", sort=True)["pnl"].sum()
    fig = go.Figure(go.Bar(x=list(total.index), y=total.to_list(), name=TOTAL_TRACE, opacity=0.6))
    ticker_names = sorted(frame["ticker"].unique())
    if len(ticker_names) <= MAX_TICKER_TRACES:
        for ticker in ticker_names:
            rows = frame[frame["ticker"] == ticker].sort_values("purchase_date")
            fig.add_trace(go.Scatter(x=rows["purchase_date"].to_list(), y=rows["pnl"].to_list(),
                                     name=ticker, mode="lines+markers"))
    first, last = pd.Timestamp(total.index[0]), pd.Timestamp(total.index[-1])
    if first == last:
        # Plotly sizes bars and the axis from the gaps between dates; one date has none.
        fig.update_traces(width=0.8 * ONE_DAY_MS, selector={"type": "bar"})
        fig.update_xaxes(range=[first - pd.Timedelta(days=3), last + pd.Timedelta(days=3)])
    if last - first <= pd.Timedelta(days=SHORT_SPAN_DAYS):
        # Over a few days Plotly would tick every 12 hours; purchase dates are whole days.
        fig.update_xaxes(dtick=ONE_DAY_MS, tickformat="%Y-%m-%d")
    fig.update_layout(
        template="plotly_white",
        xaxis_type="date",
        xaxis_title="purchase date",
        yaxis_title="PnL",
        legend_title_text="ticker",
        margin={"l": 60, "r": 20, "t": 30, "b": 50},
    )
    return fig


def summary(frame: pd.DataFrame) -> dict:
    """The figures shown under the plot."""
    return {
        "trades": int(frame["trades"].sum()) if not frame.empty else 0,
        "tickers": int(frame["ticker"].nunique()),
        "total_pnl": float(frame["pnl"].sum()) if not frame.empty else 0.0,
    }

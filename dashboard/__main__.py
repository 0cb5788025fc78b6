"""`python -m dashboard --db-url URL --port 8050`: serve the app with the Dash server, debug off."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence

URL_ENV_VARS = ("BACKINTIME_DASHBOARD_DB_URL", "BACKINTIME_POSTGRES_URL")


def default_db_url(environ: Mapping[str, str]) -> str | None:
    return next((environ[name] for name in URL_ENV_VARS if environ.get(name)), None)


def parse_args(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> argparse.Namespace:
    environ = os.environ if environ is None else environ
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Back In Time backtest dashboard")
    parser.add_argument("--db-url", default=default_db_url(environ),
                        help=f"Postgres URL holding backtest_trades (default: ${' or $'.join(URL_ENV_VARS)})")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (0.0.0.0 for all)")
    parser.add_argument("--port", type=int, default=8050)
    args = parser.parse_args(argv)
    if not args.db_url:
        parser.error(f"no database URL: pass --db-url or set {' or '.join(URL_ENV_VARS)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from dashboard.app import create_app

    create_app(args.db_url).run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

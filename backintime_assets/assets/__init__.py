"""Software-defined assets, one module per layer: source files, raw zone, schemas, lake, backtests."""

"""Peak memory of the survey and the conversion against the size of one source file.
`python -m bench.bench_convert_memory [--quick]`.

Issue 4 asks that a conversion task's peak memory be bounded by the row-group size, not by the
file size. One archive file (years of many tickers, the shape whose files grow to GBs) is written
at each size, then surveyed and converted by the project's code, as the raw_price_files and prices
assets do, in a fresh process per size: Spark tasks run in that process one after another (the
same task functions, handed to a stand-in for the Spark session), so the process's peak RSS is the
peak of the largest task plus the imports. The row shows that peak above the process's RSS after
its imports, and the ratio to the smallest file's: 1.0 would be perfectly flat; file size grows
16x across the rows.

What bounds it: a file's text is parsed PIECE_BYTES (16 MB) at a time; kept rows are written and
read back PARSED_BATCH_ROWS (256 K) to a row group; rows are staged per bucket of dates, and a
bucket (BUCKET_SOURCE_BYTES of source, 32 MB, or one date if a date holds more) is settled and
written by one task. All are constants of the code, below a row group of the prices table
(ROW_GROUP_ROWS, 1 M rows ~ 80 MB of text), not the file's size.

Figures, 2026-11-29, 2-core machine busy with other work (memory does not mind; seconds do), peak
above imports for files of 63 / 250 / 997 MB:
- before: 650 / 1072 / 1329 MB (64 MB pieces, 128 MB buckets, and pyarrow's pre-buffering, which
  kept every row group of a kept file read until the end: +450 MB on the 1 GB file alone);
- after: 385 / 535 / 562 MB (1.00 / 1.39 / 1.46 of the smallest): flat from 250 MB on.

"""Local services Back In Time starts by itself: an embedded Postgres server and Java for Spark."""

"""Moving source files into the lake and turning them into canonical rows."""

"""What a check keeps between runs: the cache (``cache``) and the part-by-part regrouping it serves (``incremental``)."""

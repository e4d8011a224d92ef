"""The CI check over a corpus: configuration files (``config``) and baselines (``baseline``)."""

"""Ingest: drive input -> claims -> resolve -> store, one transaction per input."""

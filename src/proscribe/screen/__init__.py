"""Screening: match names in any script against designated entities, with explained scores."""

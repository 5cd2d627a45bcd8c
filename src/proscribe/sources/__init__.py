"""Adapters: each turns one kind of input (official list file, curated dataset) into claims."""

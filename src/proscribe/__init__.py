"""proscribe: a sourced system of record for who designates whom, since when and on whose word."""

__version__ = "0.1.0"

"""Keep CSV cells from running as spreadsheet formulas when an analyst opens our CSV output.

Every CSV proscribe writes (`--format csv`, bulk screening's `--out`, the web UI's download) carries
text from outside: names from list files and news articles, the analyst's own input echoed back. A
cell such as `=HYPERLINK("http://…","click")` or `@SUM(…)` is evaluated by Excel, LibreOffice and
Google Sheets on opening, which turns a hostile list record or article into code on the analyst's
machine. Such a cell is written with a leading apostrophe, which marks it as text (Excel hides the
mark; plain-text readers see it); numbers (`-0.5`, `+7`) keep their sign, so figures stay figures.
The JSON output is the faithful form for programs.
"""

from __future__ import annotations

import re

# Characters a spreadsheet may read as the start of a formula (the ASCII ones and their full-width
# forms, which some locales' input methods produce), plus the tab and carriage return that let a
# cell smuggle one past an importer that strips leading whitespace.
_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def safe_cell(text: str) -> str:
    """`text`, with an apostrophe in front when a spreadsheet would otherwise run it as a formula."""
    stripped = text.lstrip(" \n")
    if not stripped or stripped[0] not in _FORMULA_START:
        return text
    if _PLAIN_NUMBER.fullmatch(stripped):
        return text
    return "'" + text

"""The world map drawn by the web UI: country outlines from the pinned `pygal_maps_world` package.

The package ships one pre-projected SVG in which every country is a `<g class="xx country ...">` group
of paths keyed by its lower-case ISO 3166-1 alpha-2 code. We read it once, keep only the path data and
re-emit our own small SVG: one focusable `<g>` per country with `data-code` (upper-case) and a `<title>`,
so the page's script can colour countries by designation state. Nothing is fetched at run time.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Mapping
from importlib import resources
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from proscribe.errors import DataError

MAP_PACKAGE = "pygal_maps_world"
MAP_FILE = "worldmap.svg"
_SVG_NS = "{http://www.w3.org/2000/svg}"


@functools.cache
def country_paths() -> dict[str, tuple[str, ...]]:
    """Map each upper-case alpha-2 code to the path data of its outline, read from the map package."""
    resource = resources.files(MAP_PACKAGE) / MAP_FILE
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(resource.read_bytes(), parser)
    except (OSError, etree.XMLSyntaxError) as exc:
        raise DataError(f"{MAP_PACKAGE}/{MAP_FILE}: cannot read the world map: {exc}") from None
    out: dict[str, tuple[str, ...]] = {}
    for group in root.iter(f"{_SVG_NS}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes:
            continue
        code = classes[0].upper()
        paths = tuple(p.get("d", "") for p in group.iter(f"{_SVG_NS}path") if p.get("d"))
        if len(code) != 2 or not paths:
            raise DataError(f"{MAP_PACKAGE}/{MAP_FILE}: country group {classes[0]!r} has no usable outline")
        out[code] = paths
    if not out:
        raise DataError(f"{MAP_PACKAGE}/{MAP_FILE}: no country outlines found")
    return out


def view_box() -> str:
    """The map's SVG viewBox (the package's own coordinate frame)."""
    resource = resources.files(MAP_PACKAGE) / MAP_FILE
    head = resource.read_bytes()[:400].decode("utf-8", "replace")
    marker = 'viewBox="'
    start = head.find(marker)
    if start < 0:
        raise DataError(f"{MAP_PACKAGE}/{MAP_FILE}: the root element has no viewBox")
    start += len(marker)
    return head[start : head.index('"', start)]


@functools.cache
def _world_svg(names: tuple[tuple[str, str], ...]) -> str:
    """Render the map once per set of country names (see `world_svg`)."""
    label = dict(names)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box()}" role="group" '
        'aria-label="World map of designation states" class="world-map">',
        # Uncertain states are hatched as well as coloured, so they never rely on colour alone.
        '<defs><pattern id="hatch-uncertain" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#cc79a7"/>'
        '<rect width="3" height="8" fill="#ffffff" fill-opacity="0.55"/></pattern></defs>',
    ]
    for code, paths in sorted(country_paths().items()):
        name = label.get(code, code)
        parts.append(f'<g class="country" data-code="{code}" data-name={quoteattr(name)}>')
        parts.append(f"<title>{escape(name)}</title>")
        parts.extend(f'<path d="{d}"/>' for d in paths)
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def world_svg(names: Mapping[str, str]) -> str:
    """The map as one SVG document: a `<g class="country" data-code="RU">` per country, titled by name."""
    return _world_svg(tuple(sorted(names.items())))


@functools.cache
def _world_svg_gzip(names: tuple[tuple[str, str], ...]) -> bytes:
    return gzip.compress(_world_svg(names).encode(), compresslevel=9, mtime=0)


def world_svg_gzip(names: Mapping[str, str]) -> bytes:
    """`world_svg`, gzip-compressed once (about a third of its size) for clients that accept gzip."""
    return _world_svg_gzip(tuple(sorted(names.items())))

"""The world map drawn from the pinned pygal_maps_world package: one titled group per country."""

from __future__ import annotations

import gzip

from lxml import etree

from proscribe.web import geometry

SVG = "{http://www.w3.org/2000/svg}"


def test_every_country_has_an_outline_keyed_by_its_alpha2_code() -> None:
    paths = geometry.country_paths()
    assert len(paths) == 184
    assert {"RU", "KZ", "KG", "TJ", "TR", "CA", "US", "GB", "AF"} <= set(paths)
    assert all(len(code) == 2 and code.isupper() and outlines for code, outlines in paths.items())


def test_the_rendered_map_titles_countries_by_name_and_gzips_to_the_same_document() -> None:
    svg = geometry.world_svg({"RU": "Russian Federation", "KZ": "Kazakhstan"})
    root = etree.fromstring(svg.encode())
    assert root.get("viewBox") == "0 0 2475 1388"
    russia = root.find(f'{SVG}g[@data-code="RU"]')
    assert russia is not None
    assert russia.get("data-name") == "Russian Federation"
    assert russia.findtext(f"{SVG}title") == "Russian Federation"
    assert root.find(f'{SVG}g[@data-code="FR"]').get("data-name") == "FR"
    assert root.find(f"{SVG}defs/{SVG}pattern").get("id") == "hatch-uncertain"
    packed = geometry.world_svg_gzip({"RU": "Russian Federation", "KZ": "Kazakhstan"})
    assert gzip.decompress(packed).decode() == svg

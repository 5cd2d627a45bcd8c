"""OpenSanctions gathers national lists: each of its datasets that designates maps to a list of its own.

Which jurisdictions list a company is the question an OpenSanctions export answers best; a dataset
left unmapped is a jurisdiction the answer silently lacks. The real export around ZALA Aero names
22 datasets for JSC Kalashnikov Concern: 16 designate (Belgium's, Switzerland's, France's, Japan's,
Latvia's, Monaco's, New Zealand's and Ukraine's lists among them), 6 do not (company registries,
the EU's journal and map, US procurement exclusions, Ukraine's War & Sanctions portal).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from ingest_helpers import entity_of, fresh_store, shared

from proscribe import query, vocab
from proscribe.ingest.lists import ingest_list

ZALA = ("opensanctions-ftm", "zala_entities.ftm.json")


def _listed_on(store, entity: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    answer = query.status(store.reader(), entity, at=date(2024, 5, 1))
    return {
        j["jurisdiction"]: sorted(item["list"] for item in j["lists"] if item["state"] == "listed")
        for j in answer["jurisdictions"]
    }


def test_the_national_lists_opensanctions_gathers_each_list_the_company(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    report = ingest_list(store, *ZALA[:1], [shared(*ZALA)], snapshot_date=date(2024, 5, 1))
    # 14 targets; the drone makers' association is in a registry and a topic graph only.
    assert (report.records, report.unmapped) == (13, {"no mapped list=Company": 1})
    kalashnikov = entity_of(store, "opensanctions-ftm", "NK-nR5AXM9AVPq4pQaSPSaVam")
    assert _listed_on(store, kalashnikov) == {
        "AU": ["au-sanctions"],
        "BE": ["be-fps-finance"],
        "CA": ["ca-sema"],
        "CH": ["ch-seco"],
        "EU": ["eu-fsf"],
        "FR": ["fr-gels-avoirs"],
        "GB": ["gb-hmt"],
        "JP": ["jp-meti-eul", "jp-meti-ru", "jp-mof-sanctions"],
        "LV": ["lv-national-sanctions"],
        "MC": ["mc-fund-freezes"],
        "NZ": ["nz-russia-sanctions"],
        "UA": ["ua-nsdc-sanctions"],
        "US": ["us-csl", "us-sdn"],
    }
    # ZALA Aero itself, under its Ukrainian name: Ukraine's NSDC only, per this export.
    zala = entity_of(store, "opensanctions-ftm", "NK-cPks3aTbes8k4aCerfBAzN")
    assert _listed_on(store, zala) == {"UA": ["ua-nsdc-sanctions"]}
    # Alexander Zakharov, ZALA's designer: the EU's travel ban beside its asset freeze.
    zakharov = entity_of(store, "opensanctions-ftm", "NK-aU5ybkbRFJucf8YMwsJvDw")
    assert _listed_on(store, zakharov)["EU"] == ["eu-fsf", "eu-travel-bans"]


def test_full_exports_and_deltas_map_the_same_datasets() -> None:
    """The two OpenSanctions sources read one set of datasets: a delta lists what a full export does."""
    folder = vocab.data_dir() / "sources"
    full, delta = (
        yaml.safe_load((folder / f"{name}.yaml").read_text())["lookups"]
        for name in ("opensanctions-ftm", "opensanctions-ftm-delta")
    )
    assert full == delta
    lists = set(vocab.lists())
    assert {target for target in full["dataset"].values() if target != "-"} <= lists

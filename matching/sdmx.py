"""SDMX data messages of the public statistics, so national statistics offices load them with
their own tools: SDMX-CSV 2.0 and SDMX-JSON 1.0 data messages, and the data structure
definition (DSD) as an SDMX-ML 2.1 structure message.

One DSD, ``KARAVAN:DSD_LABOUR_MIGRATION(1.0)``, for every indicator:

* dimensions ``MEASURE`` (indicator and figure, e.g. ``PERMITS_PERMITS``), ``REF_AREA``
  (ISO 3166-1 country or ISO 3166-2 region; ``_T`` every area, ``_U`` not given),
  ``COUNTERPART_AREA`` (destination country; ``_Z`` not applicable), ``OCCUPATION``
  (ISCO-08 group; ``_T`` all, ``_U`` not given, ``_Z`` not applicable), ``SEX`` (the SDMX
  code list: ``F``, ``M``, ``_U`` not stated, ``_T`` total, ``_Z`` not applicable),
  ``TIME_PERIOD`` (the year);
* attributes ``UNIT_MEASURE`` (``PS`` persons, ``NUM`` number of things) and
  ``CONF_STATUS`` (``F`` free, ``C`` confidential: the count is suppressed and
  ``OBS_VALUE`` is empty).

Observations come from the same disclosure-controlled tables as the page
(`indicators.public_table`), at the indicator's SDMX dimensions (`Indicator.sdmx`). Derived
rates are not sent (they follow from the counts). Pure functions; the API view reads the
records.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pandas as pd
from django.utils import timezone
from django.utils.html import escape

from . import indicators
from .indicators import SUFFIXES, Indicator

AGENCY = "KARAVAN"
DSD_ID = "DSD_LABOUR_MIGRATION"
VERSION = "1.0"
STRUCTURE_ID = f"{AGENCY}:{DSD_ID}({VERSION})"
DIMENSIONS = ["MEASURE", "REF_AREA", "COUNTERPART_AREA", "OCCUPATION", "SEX", "TIME_PERIOD"]
ATTRIBUTES = ["UNIT_MEASURE", "CONF_STATUS"]
SEX_CODES = {"female": "F", "male": "M", "unspecified": "_U", "": "_T"}
SEX_NAMES = {
    "F": "Female",
    "M": "Male",
    "_U": "Unknown (not stated)",
    "_T": "Total",
    "_Z": "Not applicable",
}
UNITS = {"PS": "Persons", "NUM": "Number"}
CONF = {"F": "Free", "C": "Confidential (suppressed: a small count)"}
CSV_MEDIA_TYPE = "application/vnd.sdmx.data+csv; version=2.0.0"
JSON_MEDIA_TYPE = "application/vnd.sdmx.data+json; version=1.0.0"
STRUCTURE_MEDIA_TYPE = "application/vnd.sdmx.structure+xml; version=2.1"


@dataclass(frozen=True)
class Observation:
    key: tuple  # values of DIMENSIONS
    value: int | None
    unit: str
    conf: str


def measure_code(indicator: Indicator, measure: str) -> str:
    return f"{indicator.slug}_{measure}".upper().replace("-", "_")


def _area(code) -> str:
    return "_U" if code in ("", None, "?") else str(code)


def observations(
    indicator: Indicator, records: pd.DataFrame, *, year: int, country: str | None
) -> list[Observation]:
    """Every count of the indicator's table at its SDMX dimensions, suppressed ones marked."""
    mapping = indicator.sdmx
    dims = [d for d in indicator.dimension_names if d in mapping.values()]
    table = indicators.public_table(indicator, records, dims)
    out = []
    for row in table.to_dict(orient="records"):
        ref = _area(row[mapping["REF_AREA"]]) if "REF_AREA" in mapping else (country or "_T")
        counterpart = (
            _area(row[mapping["COUNTERPART_AREA"]]) if "COUNTERPART_AREA" in mapping else "_Z"
        )
        occupation = _area(row[mapping["OCCUPATION"]]) if "OCCUPATION" in mapping else "_Z"
        for m in indicator.measures:
            columns = [(f"{m.name}_{s}", SEX_CODES[s]) for s in SUFFIXES] if m.by_sex else []
            columns.append((m.name, "_T" if m.by_sex else "_Z"))
            for column, sex in columns:
                hidden = bool(row[f"{column}_suppressed"])
                value = None if hidden else int(row[column])
                out.append(
                    Observation(
                        key=(
                            measure_code(indicator, m.name),
                            ref,
                            counterpart,
                            occupation,
                            sex,
                            str(year),
                        ),
                        value=value,
                        unit="PS" if m.by_sex else "NUM",
                        conf="C" if hidden else "F",
                    )
                )
    return out


def to_csv(observations: list[Observation]) -> bytes:
    """An SDMX-CSV 2.0 data message."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["STRUCTURE", "STRUCTURE_ID", "ACTION", *DIMENSIONS, "OBS_VALUE", *ATTRIBUTES])
    for o in observations:
        writer.writerow(
            [
                "datastructure",
                STRUCTURE_ID,
                "I",
                *o.key,
                "" if o.value is None else o.value,
                o.unit,
                o.conf,
            ]
        )
    return text.getvalue().encode("utf-8")


def to_json(observations: list[Observation], *, name: str, message_id: str) -> bytes:
    """An SDMX-JSON 1.0 data message, every dimension at the observation level."""
    values = [sorted({o.key[i] for o in observations}) for i in range(len(DIMENSIONS))]
    index = [{v: n for n, v in enumerate(vs)} for vs in values]
    units, confs = sorted(UNITS), sorted(CONF)
    data = {}
    for o in observations:
        key = ":".join(str(index[i][v]) for i, v in enumerate(o.key))
        data[key] = [o.value, units.index(o.unit), confs.index(o.conf)]
    names = {"SEX": SEX_NAMES}
    message = {
        "header": {
            "id": message_id,
            "test": False,
            "prepared": timezone.now().replace(microsecond=0).isoformat(),
            "sender": {"id": AGENCY, "name": "Karavan"},
        },
        "dataSets": [{"action": "Information", "observations": data}],
        "structure": {
            "name": name,
            "links": [
                {
                    "rel": "datastructure",
                    "urn": (
                        f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={STRUCTURE_ID}"
                    ),
                }
            ],
            "dimensions": {
                "dataSet": [],
                "series": [],
                "observation": [
                    {
                        "id": dim,
                        "name": dim.replace("_", " ").title(),
                        "keyPosition": i,
                        "values": [
                            {"id": v, "name": names.get(dim, {}).get(v, v)} for v in values[i]
                        ],
                    }
                    for i, dim in enumerate(DIMENSIONS)
                ],
            },
            "attributes": {
                "dataSet": [],
                "series": [],
                "observation": [
                    {
                        "id": "UNIT_MEASURE",
                        "name": "Unit of measure",
                        "values": [{"id": u, "name": UNITS[u]} for u in units],
                    },
                    {
                        "id": "CONF_STATUS",
                        "name": "Confidentiality status",
                        "values": [{"id": c, "name": CONF[c]} for c in confs],
                    },
                ],
            },
        },
    }
    return json.dumps(message, ensure_ascii=False).encode("utf-8")


def structure_xml(*, areas: dict, occupations: dict) -> bytes:
    """The DSD and its code lists as an SDMX-ML 2.1 structure message. `areas` and
    `occupations` map codes to English names (ISO 3166 and ISCO-08)."""
    measures = {}
    for ind in indicators.indicators():
        for m in ind.measures:
            measures[measure_code(ind, m.name)] = f"{ind.title} — {m.label}"
    special = {"_T": "Total", "_U": "Unknown", "_Z": "Not applicable"}
    lists = {
        "CL_MEASURE": measures,
        "CL_AREA": {**areas, **special},
        "CL_OCCUPATION": {**occupations, **special},
        "CL_SEX": SEX_NAMES,
        "CL_UNIT_MEASURE": UNITS,
        "CL_CONF_STATUS": CONF,
    }
    concepts = {
        "MEASURE": "Measure",
        "REF_AREA": "Reference area",
        "COUNTERPART_AREA": "Counterpart area (destination)",
        "OCCUPATION": "Occupation (ISCO-08)",
        "SEX": "Sex",
        "TIME_PERIOD": "Time period",
        "OBS_VALUE": "Observation value",
        "UNIT_MEASURE": "Unit of measure",
        "CONF_STATUS": "Confidentiality status",
    }
    codelist_of = {
        "MEASURE": "CL_MEASURE",
        "REF_AREA": "CL_AREA",
        "COUNTERPART_AREA": "CL_AREA",
        "OCCUPATION": "CL_OCCUPATION",
        "SEX": "CL_SEX",
        "UNIT_MEASURE": "CL_UNIT_MEASURE",
        "CONF_STATUS": "CL_CONF_STATUS",
    }
    ref = (
        'agencyID="{a}" maintainableParentID="CS_LABOUR_MIGRATION" '
        'maintainableParentVersion="{v}" id="{c}"'
    )

    def concept_ref(c):
        return (
            f"<str:ConceptIdentity><Ref {ref.format(a=AGENCY, v=VERSION, c=c)} "
            f'class="Concept" package="conceptscheme"/></str:ConceptIdentity>'
        )

    def enum(c):
        return (
            f'<str:LocalRepresentation><str:Enumeration><Ref agencyID="{AGENCY}" '
            f'id="{codelist_of[c]}" version="{VERSION}" class="Codelist" '
            f'package="codelist"/></str:Enumeration></str:LocalRepresentation>'
        )

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
        'xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" '
        'xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">',
        f"<mes:Header><mes:ID>{DSD_ID}</mes:ID><mes:Test>false</mes:Test>"
        f"<mes:Prepared>{timezone.now().replace(microsecond=0).isoformat()}</mes:Prepared>"
        f'<mes:Sender id="{AGENCY}"/></mes:Header>',
        "<mes:Structures>",
        "<str:Codelists>",
    ]
    for cl, codes in lists.items():
        out.append(
            f'<str:Codelist id="{cl}" agencyID="{AGENCY}" version="{VERSION}" '
            f'isFinal="false"><com:Name xml:lang="en">{cl}</com:Name>'
        )
        for code, label in codes.items():
            out.append(
                f'<str:Code id="{escape(code)}"><com:Name xml:lang="en">'
                f"{escape(str(label))}</com:Name></str:Code>"
            )
        out.append("</str:Codelist>")
    out.append("</str:Codelists><str:Concepts>")
    out.append(
        f'<str:ConceptScheme id="CS_LABOUR_MIGRATION" agencyID="{AGENCY}" '
        f'version="{VERSION}" isFinal="false"><com:Name xml:lang="en">Labour migration '
        f"concepts</com:Name>"
    )
    for c, label in concepts.items():
        out.append(
            f'<str:Concept id="{c}"><com:Name xml:lang="en">{escape(label)}</com:Name>'
            f"</str:Concept>"
        )
    out.append("</str:ConceptScheme></str:Concepts><str:DataStructures>")
    out.append(
        f'<str:DataStructure id="{DSD_ID}" agencyID="{AGENCY}" version="{VERSION}" '
        f'isFinal="false"><com:Name xml:lang="en">Labour migration statistics'
        f"</com:Name><str:DataStructureComponents>"
        f'<str:DimensionList id="DimensionDescriptor">'
    )
    for position, dim in enumerate(DIMENSIONS[:-1], start=1):
        out.append(
            f'<str:Dimension id="{dim}" position="{position}">{concept_ref(dim)}'
            f"{enum(dim)}</str:Dimension>"
        )
    out.append(
        f'<str:TimeDimension id="TIME_PERIOD" position="{len(DIMENSIONS)}">'
        f"{concept_ref('TIME_PERIOD')}<str:LocalRepresentation><str:TextFormat "
        f'textType="ObservationalTimePeriod"/></str:LocalRepresentation>'
        f"</str:TimeDimension></str:DimensionList>"
        f'<str:AttributeList id="AttributeDescriptor">'
    )
    for attr in ATTRIBUTES:
        out.append(
            f'<str:Attribute id="{attr}" assignmentStatus="Mandatory">{concept_ref(attr)}'
            f"{enum(attr)}<str:AttributeRelationship><str:PrimaryMeasure>OBS_VALUE"
            f"</str:PrimaryMeasure></str:AttributeRelationship></str:Attribute>"
        )
    out.append(
        f'</str:AttributeList><str:MeasureList id="MeasureDescriptor">'
        f'<str:PrimaryMeasure id="OBS_VALUE">{concept_ref("OBS_VALUE")}'
        f"</str:PrimaryMeasure></str:MeasureList></str:DataStructureComponents>"
        f"</str:DataStructure></str:DataStructures></mes:Structures></mes:Structure>"
    )
    return "".join(out).encode("utf-8")

"""Shared by the benchmark scripts: describe the machine and write figures into a doc."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine_line() -> str:
    """Date, cores, CPU and library versions, so figures can be compared honestly."""
    import numpy
    import pandas
    import scipy
    import sklearn
    import sparse_dot_topn

    return (
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores "
        f"(nproc), {cpu_model()}; Python {platform.python_version()}, numpy "
        f"{numpy.__version__}, scipy {scipy.__version__}, pandas {pandas.__version__}, "
        f"scikit-learn {sklearn.__version__}, sparse_dot_topn {sparse_dot_topn.__version__}"
    )


def write_section(doc: Path, name: str, text: str) -> None:
    """Replace what lies between <!-- name:start --> and <!-- name:end --> in doc."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    content = doc.read_text(encoding="utf-8")
    if start not in content or end not in content:
        raise SystemExit(f"{doc} lacks the markers {start} … {end}")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    doc.write_text(pattern.sub(lambda _: f"{start}\n{text}\n{end}", content), encoding="utf-8")

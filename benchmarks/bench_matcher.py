"""Speed and memory of the matcher at national scale (``make bench``).

Synthetic workers and vacancies are drawn from the ESCO occupation profiles (so skill
frequencies are realistic), at 100,000 workers x 10,000 vacancies and 1,000,000 x 100,000,
top 10, ``explain=False``. In the same run, on the same data, it times two baselines:
TF-IDF + sparse_dot_topn and TF-IDF + scikit-learn ``NearestNeighbors(metric="cosine",
algorithm="brute")``. The baselines ignore occupation and constraints; the matcher uses them.

Each pipeline runs in a fresh subprocess that first builds the data, then resets the peak
resident memory (``/proc/self/clear_refs``) and reports the peak above the memory the data
already took. Machines are noisy (other jobs share the cores), so at the smaller size each
pipeline runs five times, in rounds (each round runs every pipeline once); a ratio is the
median over rounds of the ratio to the baseline's run in the same round.

``--quick`` runs a small smoke test and writes nothing. Otherwise the figures go between
``<!-- bench:start -->`` and ``<!-- bench:end -->`` in docs/matching.md.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _report import machine_line, write_section  # noqa: E402
from eval_matcher import load_occupations, tfidf_fit  # noqa: E402

DOC = ROOT / "docs" / "matching.md"
SEED = 7
K = 10
THREADS = os.cpu_count() or 1
# At 1M x 100k every pipeline runs on a sample of workers against all 100k vacancies and its
# time is scaled by 1M / sample: the work is linear in workers (each is scored on its own,
# chunk by chunk), and a full run of all four would take far longer than `make bench` should.
NATIONAL_SAMPLE = 20_000
NN_SAMPLE = 2_000  # brute-force neighbours are slower still
RESULT_BYTES_PER_ROW = 32  # supply_id, demand_id, rank (int64) and score (float64)

REGIONS = [
    "KZ-ALA",
    "KZ-AST",
    "KZ-SHY",
    "KZ-KAR",
    "KZ-ATY",
    "RU-MOW",
    "RU-SPE",
    "RU-SVE",
    "RU-NVS",
    "RU-TA",
    "KR-11",
    "KR-26",
    "KR-41",
    "GB-LND",
    "GB-MAN",
]
VACANCY_LANGUAGES = [[], ["ru"], ["ru"], ["ru"], ["ru", "kk"], ["ko"], ["en"]]
WORKER_LANGUAGES = [
    ["ru"],
    ["ru"],
    ["ru", "kk"],
    ["ru", "uz"],
    ["uz"],
    ["tg", "ru"],
    ["ky", "ru"],
    ["ru", "en"],
    ["ru", "ko"],
]


# ------------------------------------------------------------------- synthetic data
def _profiles():
    occ = load_occupations()
    vocab = pd.Index(
        pd.unique(
            np.concatenate(
                [
                    np.concatenate(occ["skills"].to_numpy()),
                    np.concatenate(occ["optional_skills"].to_numpy()),
                ]
            )
        )
    )

    def csr(column):
        lengths = occ[column].map(len).to_numpy()
        ids = vocab.get_indexer(np.concatenate(occ[column].to_numpy()))
        return np.r_[0, np.cumsum(lengths)], ids

    return occ, np.asarray(vocab, dtype=object), csr("skills"), csr("optional_skills")


def _draw(rng, indptr, ids, owner, keep):
    """Each skill of each owner's occupation kept with probability keep[owner]."""
    starts, counts = indptr[:-1][owner], np.diff(indptr)[owner]
    row = np.repeat(np.arange(len(owner)), counts)
    offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    skill = ids[np.repeat(starts, counts) + offset]
    chosen = rng.random(len(skill)) < keep[row]
    return row[chosen], skill[chosen]


def _lists(n, row, skill, vocab):
    order = np.argsort(row, kind="stable")
    labels = vocab[skill[order]]
    bounds = np.cumsum(np.bincount(row, minlength=n))[:-1]
    return [part.tolist() for part in np.split(labels, bounds)]


def _pick(rng, indptr, ids, owner, count):
    """For each row, ``count[row]`` distinct skills drawn at random from its occupation's
    list (``indptr``/``ids``, as in _draw); fewer if the list is shorter."""
    starts, counts = indptr[:-1][owner], np.diff(indptr)[owner]
    row = np.repeat(np.arange(len(owner)), counts)
    offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    skill = ids[np.repeat(starts, counts) + offset]
    order = np.lexsort((rng.random(len(row)), row))
    rank = np.empty(len(row), dtype=np.int64)
    rank[order] = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)
    keep = rank < count[row]
    return row[keep], skill[keep]


def make_data(n_workers: int, n_vacancies: int, seed: int = SEED, workload: str = "esco"):
    """(workers, vacancies) frames with skills, occupation, languages and regions.

    ``esco``: every occupation equally likely, skills as ESCO lists them. ``skewed``:
    occupations by a Zipf-like popularity (rank ** -1.1, so a few hundred make most rows),
    8-16 skills per worker and vacancy, most from the occupation, the rest by the Zipf-like
    popularity of skills (rank ** -1)."""
    if workload == "skewed":
        return _make_skewed(n_workers, n_vacancies, seed)
    rng = np.random.default_rng(seed)
    occ, vocab, (e_ptr, e_ids), (o_ptr, o_ids) = _profiles()
    codes = occ["occupation"].to_numpy().astype(str)
    frequency = np.bincount(np.r_[e_ids, o_ids], minlength=len(vocab)).astype(float)

    v_occ = rng.integers(len(occ), size=n_vacancies)
    rows, skills = _draw(rng, e_ptr, e_ids, v_occ, np.full(n_vacancies, 0.7))
    opt_rows, opt_skills = _draw(rng, o_ptr, o_ids, v_occ, np.full(n_vacancies, 0.3))
    vacancies = pd.DataFrame(
        {
            "id": np.arange(n_vacancies),
            "skills": _lists(n_vacancies, rows, skills, vocab),
            "optional_skills": _lists(n_vacancies, opt_rows, opt_skills, vocab),
            "occupation": codes[v_occ],
            "region": np.asarray(REGIONS, dtype=object)[
                rng.integers(len(REGIONS), size=n_vacancies)
            ],
            "languages": [
                VACANCY_LANGUAGES[i] for i in rng.integers(len(VACANCY_LANGUAGES), size=n_vacancies)
            ],
        }
    )

    w_occ = rng.integers(len(occ), size=n_workers)
    rows, skills = _draw(rng, e_ptr, e_ids, w_occ, rng.uniform(0.3, 0.8, n_workers))
    opt_rows, opt_skills = _draw(rng, o_ptr, o_ids, w_occ, np.full(n_workers, 0.1))
    n_noise = rng.poisson(2, n_workers)
    noise_rows = np.repeat(np.arange(n_workers), n_noise)
    noise = rng.choice(len(vocab), size=n_noise.sum(), p=frequency / frequency.sum())
    digits = rng.choice([0, 2, 4], size=n_workers, p=[0.3, 0.2, 0.5])
    occupation = np.array(
        [c[:d] if d else None for c, d in zip(codes[w_occ], digits, strict=True)], dtype=object
    )
    excluded = np.where(rng.random(n_workers) < 0.1, "RU", None)
    workers = pd.DataFrame(
        {
            "id": np.arange(n_workers),
            "skills": _lists(
                n_workers,
                np.r_[rows, opt_rows, noise_rows],
                np.r_[skills, opt_skills, noise],
                vocab,
            ),
            "occupation": occupation,
            "languages": [
                WORKER_LANGUAGES[i] for i in rng.integers(len(WORKER_LANGUAGES), size=n_workers)
            ],
            "excluded_regions": [[r] if r else [] for r in excluded],
        }
    )
    return workers, vacancies


def _make_skewed(n_workers, n_vacancies, seed):
    rng = np.random.default_rng(seed)
    occ, vocab, (e_ptr, e_ids), (o_ptr, o_ids) = _profiles()
    codes = occ["occupation"].to_numpy().astype(str)
    occ_p = 1.0 / np.arange(1, len(occ) + 1) ** 1.1
    occ_p = (occ_p / occ_p.sum())[rng.permutation(len(occ))]
    frequency = np.bincount(np.r_[e_ids, o_ids], minlength=len(vocab)).astype(float)
    rank = np.empty(len(vocab))
    rank[np.argsort(-frequency, kind="stable")] = np.arange(1, len(vocab) + 1)
    skill_p = 1.0 / rank
    skill_p /= skill_p.sum()

    def draw(n):
        """Occupation, and (row, skill) pairs: essential ones, then optional and popular."""
        which = rng.choice(len(occ), size=n, p=occ_p)
        wanted = rng.integers(8, 17, size=n)
        own = np.round(wanted * 0.85).astype(np.int64)
        from_ess = np.maximum(1, np.round(own * 0.7).astype(np.int64))
        e_rows, e_skills = _pick(rng, e_ptr, e_ids, which, from_ess)
        got = np.bincount(e_rows, minlength=n)
        o_rows, o_skills = _pick(rng, o_ptr, o_ids, which, own - got)
        got += np.bincount(o_rows, minlength=n)
        x_rows = np.repeat(np.arange(n), np.maximum(0, wanted - got))
        x_skills = rng.choice(len(vocab), size=len(x_rows), p=skill_p)
        keys = np.r_[o_rows, x_rows].astype(np.int64) * len(vocab) + np.r_[o_skills, x_skills]
        keys = pd.unique(keys)  # first occurrence kept, so optional skills before popular
        keys = keys[~np.isin(keys, e_rows.astype(np.int64) * len(vocab) + e_skills)]
        return (
            which,
            _lists(n, e_rows, e_skills, vocab),
            _lists(n, keys // len(vocab), keys % len(vocab), vocab),
        )

    which, essential, rest = draw(n_vacancies)
    vacancies = pd.DataFrame(
        {
            "id": np.arange(n_vacancies),
            "skills": essential,
            "optional_skills": rest,
            "occupation": codes[which],
            "region": np.asarray(REGIONS, dtype=object)[
                rng.integers(len(REGIONS), size=n_vacancies)
            ],
            "languages": [
                VACANCY_LANGUAGES[i] for i in rng.integers(len(VACANCY_LANGUAGES), size=n_vacancies)
            ],
        }
    )
    n = n_workers
    which, essential, rest = draw(n)
    digits = rng.choice([0, 2, 4], size=n, p=[0.3, 0.2, 0.5])
    excluded = np.where(rng.random(n) < 0.1, "RU", None)
    workers = pd.DataFrame(
        {
            "id": np.arange(n),
            "skills": [e + r for e, r in zip(essential, rest, strict=True)],
            "occupation": np.array(
                [c[:d] if d else None for c, d in zip(codes[which], digits, strict=True)],
                dtype=object,
            ),
            "languages": [WORKER_LANGUAGES[i] for i in rng.integers(len(WORKER_LANGUAGES), size=n)],
            "excluded_regions": [[r] if r else [] for r in excluded],
        }
    )
    return workers, vacancies


# ------------------------------------------------------------------------ pipelines
def _tfidf(workers, vacancies):
    vectorizer, v = tfidf_fit(vacancies)  # the same baseline as the evaluation
    return vectorizer.transform(workers["skills"]), v


def _long_frame(worker_ids, vacancy_ids, indptr, indices, data):
    """The same long frame the matcher returns; rows come already sorted best first."""
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    rank = np.arange(len(rows)) - np.repeat(indptr[:-1], np.diff(indptr)) + 1
    return pd.DataFrame(
        {
            "supply_id": worker_ids[rows],
            "demand_id": vacancy_ids[indices],
            "rank": rank,
            "score": data,
        }
    )


def run_matcher(workers, vacancies):
    from matching.engine import SkillMatcher

    ranked = SkillMatcher(n_jobs=THREADS).fit(vacancies).recommend(workers, k=K)
    return len(ranked)


def run_matcher_skills_only(workers, vacancies):
    from matching.engine import SkillMatcher

    keep = ["id", "skills", "optional_skills"]
    ranked = SkillMatcher(n_jobs=THREADS).fit(vacancies[keep]).recommend(workers[keep[:2]], k=K)
    return len(ranked)


def run_tfidf_sdt(workers, vacancies):
    from sparse_dot_topn import sp_matmul_topn

    w, v = _tfidf(workers, vacancies)
    c = sp_matmul_topn(w, v.T.tocsr(), top_n=K, sort=True, n_threads=THREADS)
    frame = _long_frame(
        workers["id"].to_numpy(), vacancies["id"].to_numpy(), c.indptr, c.indices, c.data
    )
    return len(frame)


def run_tfidf_nn(workers, vacancies):
    from sklearn.neighbors import NearestNeighbors

    w, v = _tfidf(workers, vacancies)
    nn = NearestNeighbors(n_neighbors=K, metric="cosine", algorithm="brute", n_jobs=THREADS)
    distance, index = nn.fit(v).kneighbors(w)
    n = len(workers)
    frame = _long_frame(
        workers["id"].to_numpy(),
        vacancies["id"].to_numpy(),
        np.arange(0, n * K + 1, K),
        index.ravel(),
        1 - distance.ravel(),
    )
    return len(frame)


PIPELINES = {
    "matcher": run_matcher,
    "matcher_skills_only": run_matcher_skills_only,
    "tfidf_sdt": run_tfidf_sdt,
    "tfidf_nn": run_tfidf_nn,
}


def _memory_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def child(
    pipeline: str, n_workers: int, n_vacancies: int, sample: int | None, workload: str = "esco"
) -> dict:
    """Run one pipeline in this (fresh) process and report time and memory."""
    workers, vacancies = make_data(sample or n_workers, n_vacancies, workload=workload)
    gc.collect()
    # hand freed heap back to the OS, or the pipeline would reuse it unseen and look smaller
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    data_kb = _memory_kb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to now
    started, cpu_started = time.perf_counter(), time.process_time()
    rows = PIPELINES[pipeline](workers, vacancies)
    seconds = time.perf_counter() - started
    return {
        "pipeline": pipeline,
        "seconds": seconds,
        "rows": rows,
        "cpu_seconds": time.process_time() - cpu_started,
        "data_mb": data_kb / 1024,
        "peak_above_data_mb": (_memory_kb("VmHWM") - data_kb) / 1024,
    }


def measure(pipeline, n_workers, n_vacancies, sample=None, workload="esco") -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        pipeline,
        str(n_workers),
        str(n_vacancies),
        str(sample or 0),
        workload,
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result = dict(json.loads(out.strip().splitlines()[-1]), sample=sample, workload=workload)
    print(
        f"  {workload:7s} {pipeline:20s} {n_workers:>9,} x {n_vacancies:>7,}"
        f"{f' (sample {sample:,})' if sample else '':18s} {result['seconds']:8.1f} s "
        f"{result['cpu_seconds']:8.1f} s CPU "
        f"{result['peak_above_data_mb']:8.0f} MB above data",
        flush=True,
    )
    return result


# ----------------------------------------------------------------------- orchestration
def bench(sizes, repeats, nn_sample) -> list[dict]:
    results = []
    for n_workers, n_vacancies, workload in sizes:
        national = n_workers > 100_000
        sample = NATIONAL_SAMPLE if national else None
        runs = {name: [] for name in ("matcher", "tfidf_sdt", "matcher_skills_only")}
        for _ in range(1 if national else repeats):  # interleaved: a busy spell hits all alike
            for name in runs:
                runs[name].append(measure(name, n_workers, n_vacancies, sample, workload))
        nn_runs = (
            []
            if nn_sample == 0 or workload != "esco"
            else [measure("tfidf_nn", n_workers, n_vacancies, nn_sample if national else None)]
        )
        for found in [*runs.values(), nn_runs]:
            if not found:
                continue
            scale = n_workers / (found[0]["sample"] or n_workers)
            times = [r["seconds"] * scale for r in found]  # in round order
            cpu = [r["cpu_seconds"] * scale for r in found]
            results.append(
                dict(
                    found[0],
                    seconds=float(np.median(times)),
                    all_seconds=times,
                    cpu_seconds=float(np.median(cpu)),
                    all_cpu_seconds=cpu,
                    peak_above_data_mb=max(r["peak_above_data_mb"] for r in found),
                    workers=n_workers,
                    vacancies=n_vacancies,
                )
            )
    return results


WORKLOADS = ("esco", "skewed")
LABELS = {
    "matcher": "SkillMatcher (skills, ISCO, languages, regions)",
    "matcher_skills_only": "SkillMatcher (skills only)",
    "tfidf_sdt": "TF-IDF + sparse_dot_topn",
    "tfidf_nn": "TF-IDF + NearestNeighbors(cosine, brute)",
}


def _ratio(run, base, key) -> tuple[float, str]:
    """Median over rounds of the ratio to the baseline's run in the same round (a busy spell
    slows both runs of a round alike), and the range over rounds as text."""
    mine, theirs = run[f"all_{key}"], base[f"all_{key}"]
    if len(mine) != len(theirs):  # the neighbours run once: against the baseline's median
        return run[key] / base[key], ""
    each = sorted(m / t for m, t in zip(mine, theirs, strict=True))
    return float(np.median(each)), (f" ({each[0]:.2f}–{each[-1]:.2f})" if len(each) > 1 else "")


def to_markdown(results, repeats, load) -> tuple[str, list[str]]:
    frame = pd.DataFrame(results)
    lines = [
        f"{machine_line()}. Top {K}, `explain=False`, {THREADS} threads for the sparse kernels "
        f"and neighbours. Time is `fit` + `recommend` (or vectorise + search for the "
        f"baselines), median of {repeats} rounds at 100k workers, each round running every "
        "pipeline once, one after the other; a ratio is the median over rounds of the ratio "
        "to the baseline's run in the same round, with the range over rounds in brackets. "
        "Peak memory is "
        "the resident peak above the memory the data already took. Load average (1 min) "
        f"at the start {load[0]:.1f}, at the end {load[1]:.1f} on {THREADS} cores: where "
        "other jobs share the machine, wall time mostly measures the share of the cores each "
        "process got, so compare ratios; CPU time (all threads of the process) is less "
        "disturbed. The targets are on wall time.",
        "",
        "| workload | workers x vacancies | pipeline | time (s) | vs TF-IDF + sparse_dot_topn | "
        "CPU time (s) | CPU vs TF-IDF + sparse_dot_topn | peak above data (MB) | data (MB) |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    for (workload, n_w, n_v), group in frame.groupby(
        ["workload", "workers", "vacancies"], sort=True
    ):
        base = group.loc[group.pipeline == "tfidf_sdt"].iloc[0]
        for r in group.to_dict("records"):
            note = (
                f" (timed on {int(r['sample']):,} workers, scaled x{n_w / r['sample']:,.0f})"
                if r["sample"] and r["sample"] == r["sample"]
                else ""
            )
            (wall, wall_spread), (cpu, cpu_spread) = (
                _ratio(r, base, "seconds"),
                _ratio(r, base, "cpu_seconds"),
            )
            lines.append(
                f"| {workload} | {n_w:,} x {n_v:,} | {LABELS[r['pipeline']]}{note} | "
                f"{r['seconds']:.1f} | {wall:.2f}{wall_spread} | "
                f"{r['cpu_seconds']:.1f} | {cpu:.2f}{cpu_spread} | "
                f"{r['peak_above_data_mb']:.0f} | {r['data_mb']:.0f} |"
            )
        ours = group.loc[group.pipeline == "matcher"].iloc[0]
        (wall, wall_spread), (cpu, _) = (
            _ratio(ours, base, "seconds"),
            _ratio(ours, base, "cpu_seconds"),
        )
        if n_w <= 100_000:
            verdicts.append(
                f"{workload}, {n_w:,} x {n_v:,}: time {wall:.2f} x TF-IDF + "
                f"sparse_dot_topn (median of the rounds' ratios{wall_spread}; "
                f"target <= 1.0): {'met' if wall <= 1.0 else 'NOT met'} (CPU time "
                f"{cpu:.2f} x); "
                f"{ours.peak_above_data_mb:.0f} MB above data (target <= 150): "
                f"{'met' if ours.peak_above_data_mb <= 150 else 'NOT met'}"
            )
        else:
            # the sample ran as one chunk, so its peak is the working memory of any chunk;
            # a full run also holds the result arrays (twice while they are joined)
            results_mb = 2 * n_w * K * RESULT_BYTES_PER_ROW / 2**20
            peak = ours.peak_above_data_mb + results_mb
            verdicts.append(
                f"{workload}, {n_w:,} x {n_v:,}: {ours.seconds:.0f} s estimated (target < 180): "
                f"{'met' if ours.seconds < 180 else 'NOT met'}; peak above data "
                f"estimated {peak:.0f} MB = {ours.peak_above_data_mb:.0f} MB "
                f"measured + {results_mb:.0f} MB of results (target < 2048): "
                f"{'met' if peak < 2048 else 'NOT met'}"
            )
    lines += ["", *[f"- {v}" for v in verdicts]]
    return "\n".join(lines), verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run, writes nothing")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--small-only",
        action="store_true",
        help="only 100k x 10k, without the neighbours; writes nothing",
    )
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, n_w, n_v, sample, workload = args.child
        print(json.dumps(child(name, int(n_w), int(n_v), int(sample) or None, workload)))
        return 0
    if args.quick:
        sizes, nn_sample, repeats = [(20_000, 2_000, w) for w in WORKLOADS], None, 1
    elif args.small_only:
        sizes, nn_sample, repeats = [(100_000, 10_000, w) for w in WORKLOADS], 0, args.repeats
    else:
        sizes, nn_sample, repeats = (
            [*[(100_000, 10_000, w) for w in WORKLOADS], (1_000_000, 100_000, "esco")],
            NN_SAMPLE,
            args.repeats,
        )
    started_load = os.getloadavg()[0]
    results = bench(sizes, repeats, nn_sample)
    table, verdicts = to_markdown(results, repeats, (started_load, os.getloadavg()[0]))
    print(table)
    if not (args.quick or args.small_only or args.no_write):
        write_section(DOC, "bench", table)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

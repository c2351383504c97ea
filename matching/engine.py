"""The skills matcher: workers (supply) against vacancies or demand profiles (demand).

Pure numpy/scipy/pandas/scikit-learn; nothing from Django, so the estimator can be tested,
benchmarked and evaluated without a database. Django reaches it only through
``matching/services.py``. The method is described in ``docs/matching.md``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted
from sparse_dot_topn import sp_matmul_topn

ISCO_LEVELS = 4  # major, sub-major, minor, unit group = code prefixes of length 1..4
# Scores are rounded before ranking so that sums computed in a different order (another
# chunk size, the reference implementation) give the same ties, broken by id.
_SCORE_DECIMALS = 10
_EPS = 1e-9


def _as_lists(values) -> pd.Series:
    """A column of lists with missing values (None, NaN) as empty lists."""
    return pd.Series([v if isinstance(v, list | tuple | set | np.ndarray) else [] for v in values],
                     dtype=object)


def _explode(values) -> tuple[np.ndarray, np.ndarray]:
    """(row position, label) for every element of a column of lists, duplicates removed."""
    exploded = _as_lists(values).explode()
    labels = exploded.to_numpy()
    rows = exploded.index.to_numpy()
    present = pd.notna(labels)
    rows, labels = rows[present], labels[present]
    codes, uniques = pd.factorize(labels)
    if len(rows):
        # drop a label listed twice for the same row: a skill counts once
        key = np.unique(rows.astype(np.int64) * max(len(uniques), 1) + codes)
        rows, codes = key // max(len(uniques), 1), key % max(len(uniques), 1)
    return rows.astype(np.int64), np.asarray(uniques, dtype=object)[codes]


def _isco_prefixes(codes, prefix_index: list[pd.Index]) -> np.ndarray:
    """Ids of the code's major, sub-major, minor and unit group; -1 where unknown."""
    codes = _strings(codes).fillna("")
    out = np.full((len(codes), ISCO_LEVELS), -1, dtype=np.int64)
    for level in range(ISCO_LEVELS):
        prefix = codes.str[: level + 1].where(codes.str.len() > level)
        ids = prefix_index[level].get_indexer(prefix)
        # a prefix no demand has can still not match anything: keep it distinct from "unknown"
        out[:, level] = np.where(prefix.notna() & (ids < 0), -2, ids)
    return out


def _strings(values) -> pd.Series:
    """A column as stripped strings, with missing values as None (object dtype on purpose:
    pandas 3 would turn None back into NaN in a string column)."""
    return pd.Series([None if v is None or (isinstance(v, float) and math.isnan(v))
                      else str(v).strip() for v in values], dtype=object)


def _threads(n_jobs: int | None) -> int | None:
    if n_jobs is None or n_jobs == 1:
        return None
    if n_jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    return n_jobs


class SkillMatcher(BaseEstimator):
    """Rank vacancies for workers, and workers for vacancies, by skills and occupation.

    ``fit`` learns the demand side (vacancies or regional demand profiles); ``recommend``
    scores workers against it and keeps the top ``k`` vacancies per worker;
    ``recommend_candidates`` keeps the top ``k`` workers per vacancy. Both directions use the
    same score, so a pair ranks the same way seen from either side.

    The score of a worker *w* and a vacancy *v* is::

        (1 - isco_weight) * cosine(w, v) + isco_weight * isco_credit(w, v)

    * ``cosine`` compares skill vectors weighted by rarity (smoothed IDF over the demand
      side): a rare skill shared says more than a common one. On the vacancy side an
      essential skill weighs 1 and an optional skill ``optional_weight``.
    * ``isco_credit`` is partial credit for the ISCO-08 hierarchy: the entry of
      ``isco_credit`` for the deepest level at which both occupation codes agree (major,
      sub-major, minor, unit group); codes may be given at any level (``"7"``, ``"72"``).
    * A pair is a candidate only if it shares at least one skill; occupation alone never
      makes a match.

    Hard constraints, applied only when both frames carry the column: the worker must speak
    every language in the vacancy's ``languages``; the vacancy's ``region`` (or its country,
    the part before ``-`` of an ISO 3166-2 code) must not be in the worker's
    ``excluded_regions`` and, when the worker lists ``destinations``, must be among them.

    Results are exact (the same as scoring every pair), deterministic (ties broken by
    id) and computed chunk by chunk over the supply with a sparse top-n kernel, so memory
    stays bounded whatever the number of workers.

    Parameters
    ----------
    optional_weight : float, default=0.5
        Weight of an optional skill of a vacancy relative to an essential one.
    isco_weight : float, default=0.2
        Share of the score that comes from the occupation (0 disables it).
    isco_credit : tuple of 4 floats, default=(0.1, 0.3, 0.6, 1.0)
        Credit when the deepest shared ISCO level is the major, sub-major, minor or unit group.
    chunk_size : int, default=20000
        Rows of supply scored at once; bounds memory, does not change results.
    n_jobs : int or None, default=None
        Threads for the sparse kernel; None means 1, -1 all cores.
    """

    def __init__(self, *, optional_weight=0.5, isco_weight=0.2,
                 isco_credit=(0.1, 0.3, 0.6, 1.0), chunk_size=20_000, n_jobs=None):
        self.optional_weight = optional_weight
        self.isco_weight = isco_weight
        self.isco_credit = isco_credit
        self.chunk_size = chunk_size
        self.n_jobs = n_jobs

    # ------------------------------------------------------------------ fit
    def fit(self, demand: pd.DataFrame, y=None) -> SkillMatcher:
        """Learn the demand side.

        ``demand`` has columns ``id`` (unique) and ``skills`` (list of ESCO skill labels, the
        essential ones); optionally ``optional_skills`` (list), ``occupation`` (ISCO-08 code
        at any level), ``region`` (ISO 3166-2 code or country) and ``languages`` (list of
        languages the vacancy requires). Returns ``self``.
        """
        _check_frame(demand, "demand")
        if len(self.isco_credit) != ISCO_LEVELS:
            raise ValueError("isco_credit needs one value per ISCO level (4).")
        demand = demand.iloc[_id_order(demand["id"])].reset_index(drop=True)
        n = len(demand)
        self.demand_ids_ = demand["id"].to_numpy()
        self.demand_essential_ = _as_lists(demand["skills"]).map(_unique_list).to_numpy()
        optional = (_as_lists(demand["optional_skills"]) if "optional_skills" in demand
                    else pd.Series([[]] * n, dtype=object))
        self.demand_optional_ = np.array(
            [[s for s in _unique_list(o) if s not in set(e)]
             for e, o in zip(self.demand_essential_, optional, strict=True)] + [None],
            dtype=object)[:-1]

        ess_rows, ess_labels = _explode(self.demand_essential_)
        opt_rows, opt_labels = _explode(self.demand_optional_)
        labels = np.concatenate([ess_labels, opt_labels])
        self.vocabulary_ = pd.Index(pd.unique(labels))
        cols = self.vocabulary_.get_indexer(labels)
        rows = np.concatenate([ess_rows, opt_rows])
        df = np.bincount(cols, minlength=len(self.vocabulary_))
        # smoothed IDF as in scikit-learn; a skill no vacancy lists gets the largest weight
        self.idf_ = np.log((1 + n) / (1 + df)) + 1.0
        self.unseen_idf_ = math.log(1 + n) + 1.0
        weight = np.concatenate([np.ones(len(ess_rows)),
                                 np.full(len(opt_rows), float(self.optional_weight))])
        matrix = sp.csr_matrix((weight * self.idf_[cols], (rows, cols)),
                               shape=(n, len(self.vocabulary_)), dtype=np.float64)
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.demand_matrix_ = sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)
        self.demand_matrix_.sort_indices()
        # the kernel multiplies (workers x skills) by (skills x vacancies)
        self.demand_matrix_t_ = self.demand_matrix_.T.tocsr()

        self.has_occupation_ = "occupation" in demand
        if self.has_occupation_:
            codes = _strings(demand["occupation"]).fillna("")
            self.isco_prefix_index_ = [
                pd.Index(pd.unique(codes[codes.str.len() > lvl].str[: lvl + 1]))
                for lvl in range(ISCO_LEVELS)]
            self.demand_isco_ = _isco_prefixes(codes, self.isco_prefix_index_)
        self.has_languages_ = "languages" in demand
        if self.has_languages_:
            lang_rows, lang_labels = _explode(demand["languages"])
            self.language_index_ = pd.Index(pd.unique(lang_labels))
            self.demand_languages_ = _bitmask(lang_rows, self.language_index_.get_indexer(
                lang_labels), n, len(self.language_index_))
        self.has_region_ = "region" in demand
        if self.has_region_:
            regions = _strings(demand["region"])
            country = pd.Series([None if r is None else r.split("-")[0] for r in regions],
                                dtype=object)
            self.region_index_ = pd.Index(pd.unique(pd.concat([regions, country]).dropna()),
                                          dtype=object)
            self.demand_regions_ = np.stack([self.region_index_.get_indexer(regions),
                                             self.region_index_.get_indexer(country)], axis=1)
        return self

    # ------------------------------------------------------------ recommend
    def recommend(self, supply: pd.DataFrame, k: int = 10, explain: bool = False,
                  progress: Callable[[float], None] | None = None) -> pd.DataFrame:
        """The top ``k`` vacancies for each worker.

        ``supply`` has columns ``id`` (unique) and ``skills`` (list); optionally
        ``occupation``, ``languages`` (spoken), ``excluded_regions`` and ``destinations``
        (lists of ISO 3166-2 regions or country codes). Returns a DataFrame with
        ``supply_id, demand_id, rank, score`` sorted by supply id and rank, and with
        ``explain=True`` also ``shared_skills`` (the worker's skills the vacancy lists) and
        ``missing_skills`` (essential skills the worker lacks). A worker sharing no skill
        with any feasible vacancy has no rows. ``progress`` is called with the fraction of
        supply done after each chunk.
        """
        return self._run(supply, k, explain, progress, candidates=False)

    def recommend_candidates(self, supply: pd.DataFrame, k: int = 10, explain: bool = False,
                             progress: Callable[[float], None] | None = None) -> pd.DataFrame:
        """The top ``k`` workers for each vacancy (the agency's view).

        Same inputs, score and constraints as :meth:`recommend`; returns
        ``demand_id, supply_id, rank, score`` (and the explanation columns) sorted by
        demand id and rank. The supply is still read chunk by chunk; only the running top
        ``k`` per vacancy is kept between chunks.
        """
        return self._run(supply, k, explain, progress, candidates=True)

    # ------------------------------------------------------------- internals
    def _run(self, supply, k, explain, progress, *, candidates):
        check_is_fitted(self, "demand_matrix_")
        _check_frame(supply, "supply")
        if int(k) < 1:
            raise ValueError("k must be at least 1.")
        k = int(k)
        supply = supply.iloc[_id_order(supply["id"])].reset_index(drop=True)
        n_supply, n_demand = len(supply), len(self.demand_ids_)
        chunk = max(1, int(self.chunk_size))
        parts, best = [], None
        for start in range(0, max(n_supply, 1), chunk):
            block = supply.iloc[start:start + chunk].reset_index(drop=True)
            side = self._supply_side(block)
            if candidates:
                rows, cols, score = self._top_k(
                    self.demand_matrix_, side["matrix"].T.tocsr(), k, side, transpose=True)
                rows, cols, score = rows, cols + start, score
                if best is not None:  # merge this chunk's top k per vacancy with the running one
                    rows, cols, score = (np.concatenate([best[0], rows]),
                                         np.concatenate([best[1], cols]),
                                         np.concatenate([best[2], score]))
                    rows, cols, score = _keep_top(rows, cols, score, k)
                best = (rows, cols, score)
            else:
                rows, cols, score = self._top_k(
                    side["matrix"], self.demand_matrix_t_, k, side, transpose=False)
                parts.append(self._frame(rows + start, cols, score, supply, k, explain, block,
                                         start))
            if progress is not None:
                progress(min(1.0, (start + chunk) / max(n_supply, 1)))
        if candidates:
            if best is None or n_demand == 0:
                best = (np.zeros(0, np.int64),) * 2 + (np.zeros(0),)
            return self._candidate_frame(*best, supply, k, explain)
        return pd.concat(parts, ignore_index=True)

    def _supply_side(self, block: pd.DataFrame) -> dict:
        """Skill vectors and constraint data for one chunk of workers."""
        n = len(block)
        rows, labels = _explode(block["skills"])
        cols = self.vocabulary_.get_indexer(labels)
        known = cols >= 0
        weight = self.idf_[cols[known]]
        # skills no vacancy lists still make the worker's profile broader (cosine)
        norm2 = np.bincount(rows[known], weights=weight ** 2, minlength=n)
        norm2 += np.bincount(rows[~known], minlength=n) * self.unseen_idf_ ** 2
        norm = np.sqrt(norm2)
        norm[norm == 0] = 1.0
        matrix = sp.csr_matrix((weight / norm[rows[known]], (rows[known], cols[known])),
                               shape=(n, len(self.vocabulary_)), dtype=np.float64)
        side = {"n": n, "matrix": matrix}
        use_isco = self.has_occupation_ and "occupation" in block and self.isco_weight
        if use_isco:
            side["isco"] = _isco_prefixes(block["occupation"], self.isco_prefix_index_)
        if self.has_languages_ and "languages" in block:
            lrows, llabels = _explode(block["languages"])
            ids = self.language_index_.get_indexer(llabels)
            side["languages"] = _bitmask(lrows[ids >= 0], ids[ids >= 0], n,
                                         len(self.language_index_))
        if self.has_region_:
            size = len(self.region_index_) + 1
            for column in ("excluded_regions", "destinations"):
                if column in block:
                    rrows, rlabels = _explode(block[column])
                    ids = self.region_index_.get_indexer(_strings(rlabels))
                    side[column] = np.unique(rrows * size + np.where(ids >= 0, ids, size - 1))
                    side[column + "_any"] = np.bincount(rrows, minlength=n) > 0
            side["region_size"] = size
        return side

    def _credit_table(self) -> np.ndarray:
        return np.concatenate([[0.0], np.asarray(self.isco_credit, dtype=np.float64)])

    def _pair_score(self, cosine, worker, vacancy, side):
        """Final score and feasibility for (worker, vacancy) pairs of one chunk."""
        score = cosine
        if "isco" in side:
            beta = float(self.isco_weight)
            wi, di = side["isco"][worker], self.demand_isco_[vacancy]
            same = (wi == di) & (wi >= 0)
            depth = np.cumprod(same, axis=1).sum(axis=1)  # deepest level agreed on
            score = (1 - beta) * cosine + beta * self._credit_table()[depth]
        feasible = np.ones(len(cosine), dtype=bool)
        if "languages" in side:
            need = self.demand_languages_[vacancy] & ~side["languages"][worker]
            feasible &= ~need.any(axis=1)
        if "region_size" in side:
            size = side["region_size"]
            region, country = self.demand_regions_[vacancy, 0], self.demand_regions_[vacancy, 1]
            if "excluded_regions" in side:
                for ids in (region, country):
                    hit = np.isin(worker * size + ids, side["excluded_regions"]) & (ids >= 0)
                    feasible &= ~hit
            if "destinations" in side:
                allowed = (np.isin(worker * size + region, side["destinations"]) & (region >= 0)) | (
                    np.isin(worker * size + country, side["destinations"]) & (country >= 0))
                unconstrained = ~side["destinations_any"][worker] | (region < 0)
                feasible &= allowed | unconstrained
        return np.round(score, _SCORE_DECIMALS), feasible

    def _best_possible(self, side, rows, *, vacancies):
        """(scale, extra) so that a pair's score is at most scale * cosine + extra, per row.

        The occupation credit can be no deeper than the row's own code is known.
        """
        if "isco" not in side:
            return 1.0, np.zeros(len(rows))
        beta = float(self.isco_weight)
        codes = self.demand_isco_[rows] if vacancies else side["isco"][rows]
        depth = (codes >= 0).sum(axis=1)
        return 1 - beta, beta * self._credit_table()[depth]

    def _top_k(self, a, b, k, side, *, transpose):
        """Exact top k per row of a @ b after occupation credit and constraints.

        The kernel keeps the top ``m`` cosines per row. A row is settled when its k-th final
        score beats the best score any pair outside those ``m`` could reach; unsettled rows
        are recomputed with a larger ``m`` (at worst every overlapping pair is kept).
        """
        n_rows, n_cols = a.shape[0], b.shape[1]
        pending = np.arange(n_rows)
        top_n = min(n_cols, 2 * k + 10)
        found = []
        threads = _threads(self.n_jobs)
        while len(pending) and n_cols:
            sub = a[pending] if len(pending) < n_rows else a
            c = sp_matmul_topn(sub, b, top_n=top_n, n_threads=threads)
            counts = np.diff(c.indptr)
            local = np.repeat(np.arange(len(pending)), counts)
            rows, cols, cosine = pending[local], c.indices.astype(np.int64), c.data
            worker, vacancy = (cols, rows) if transpose else (rows, cols)
            score, feasible = self._pair_score(cosine, worker, vacancy, side)
            complete = (counts < top_n) | (top_n >= n_cols)
            # bound for pairs the kernel left out: their cosine is at most the row's smallest
            lowest = np.full(len(pending), np.inf)
            np.minimum.at(lowest, local, cosine)
            scale, extra = self._best_possible(side, pending, vacancies=transpose)
            bound = scale * lowest + extra
            rows, cols, score = _keep_top(rows[feasible], cols[feasible], score[feasible], k)
            kept = np.bincount(rows, minlength=n_rows)[pending]
            kth = np.full(len(pending), -np.inf)
            last = np.r_[np.flatnonzero(np.diff(rows)), len(rows) - 1] if len(rows) else []
            kth[np.searchsorted(pending, rows[last])] = score[last]
            settled = complete | ((kept >= k) & (kth > bound + _EPS))
            mask = np.isin(rows, pending[settled])
            found.append((rows[mask], cols[mask], score[mask]))
            pending = pending[~settled]
            top_n = min(n_cols, top_n * 4)
        if not found:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        rows, cols, score = (np.concatenate(x) for x in zip(*found, strict=True))
        return _keep_top(rows, cols, score, k)

    def _frame(self, rows, cols, score, supply, k, explain, block, start):
        order = np.lexsort((cols, -score, rows))
        rows, cols, score = rows[order], cols[order], score[order]
        frame = pd.DataFrame({
            "supply_id": supply["id"].to_numpy()[rows] if len(rows) else supply["id"].iloc[:0],
            "demand_id": self.demand_ids_[cols],
            "rank": _ranks(rows),
            "score": score,
        })
        if explain:
            skills = _as_lists(block["skills"])
            self._explain(frame, cols, [set(skills[r - start]) for r in rows])
        return frame

    def _candidate_frame(self, rows, cols, score, supply, k, explain):
        order = np.lexsort((cols, -score, rows))
        rows, cols, score = rows[order], cols[order], score[order]
        frame = pd.DataFrame({
            "demand_id": self.demand_ids_[rows],
            "supply_id": supply["id"].to_numpy()[cols] if len(cols) else supply["id"].iloc[:0],
            "rank": _ranks(rows),
            "score": score,
        })
        if explain:
            skills = _as_lists(supply["skills"])
            self._explain(frame, rows, [set(skills[c]) for c in cols])
        return frame

    def _explain(self, frame, vacancies, worker_sets):
        shared, missing = [], []
        for v, have in zip(vacancies, worker_sets, strict=True):
            essential, optional = self.demand_essential_[v], self.demand_optional_[v]
            shared.append([s for s in essential if s in have] + [s for s in optional if s in have])
            missing.append([s for s in essential if s not in have])
        frame["shared_skills"] = pd.Series(shared, index=frame.index, dtype=object)
        frame["missing_skills"] = pd.Series(missing, index=frame.index, dtype=object)


def _keep_top(rows, cols, score, k):
    """The k best (score desc, then column asc, i.e. id asc) entries per row."""
    order = np.lexsort((cols, -score, rows))
    rows, cols, score = rows[order], cols[order], score[order]
    keep = _ranks(rows) <= k
    return rows[keep], cols[keep], score[keep]


def _ranks(sorted_rows: np.ndarray) -> np.ndarray:
    """1-based position of each entry within its run of equal (sorted) row numbers."""
    if not len(sorted_rows):
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_rows)) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, len(sorted_rows)]))
    return np.arange(len(sorted_rows)) - first + 1


def _bitmask(rows, ids, n_rows, n_ids) -> np.ndarray:
    """One row of uint64 words per item with the bit of every id set."""
    words = max(1, -(-n_ids // 64))
    mask = np.zeros((n_rows, words), dtype=np.uint64)
    ids = np.asarray(ids, dtype=np.int64)
    np.bitwise_or.at(mask, (rows, ids // 64), np.left_shift(np.uint64(1), (ids % 64)
                                                             .astype(np.uint64)))
    return mask


def _unique_list(values) -> list:
    return list(dict.fromkeys(v for v in values if pd.notna(v)))


def _id_order(ids: pd.Series) -> np.ndarray:
    if ids.duplicated().any():
        raise ValueError("ids must be unique.")
    return np.argsort(ids.to_numpy(), kind="stable")


def _check_frame(frame, name):
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame.")
    missing = {"id", "skills"} - set(frame.columns)
    if missing:
        raise ValueError(f"{name} lacks column(s): {', '.join(sorted(missing))}.")

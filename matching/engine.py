"""The skills matcher: workers (supply) against vacancies or demand profiles (demand).

Pure numpy/scipy/pandas/scikit-learn; nothing from Django, so the estimator can be tested,
benchmarked and evaluated without a database. Django reaches it only through
``matching/services.py``. The method is described in ``docs/matching.md``.
"""

from __future__ import annotations

import itertools
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
# chunk size, the reference implementation) give the same ties (broken as ``fit`` says).
_SCORE_DECIMALS = 10
# above this many distinct language requirements, filtering after the kernel is cheaper
MAX_LANGUAGE_GROUPS = 32
_EPS = 1e-9
_MIN_THREADED_ROWS = 100


def _lists(values) -> list:
    """A column of lists (or tuples, sets, arrays), a missing cell as an empty list.

    A cell that is neither, such as a string of comma-separated labels, is refused: read as
    no skills it would silently match nothing.
    """
    name = getattr(values, "name", None) or "a list column"
    if isinstance(values, pd.Series):
        values = values.to_numpy(dtype=object)  # iterating a numpy array is much faster
    kinds = (list, tuple, set, np.ndarray)  # a tuple of types is checked faster than a union
    values = list(values)
    if set(map(type, values)) <= set(kinds):  # the usual case, checked without a Python loop
        return values

    def missing(value):
        if value is None or (np.ndim(value) == 0 and pd.isna(value)):
            return ()
        raise ValueError(
            f"{name} must hold a list of labels in every cell, not "
            f"{type(value).__name__} (a string of labels needs splitting first)."
        )

    return [v if isinstance(v, kinds) else missing(v) for v in values]


def _flatten(values, drop_missing=True) -> tuple[np.ndarray, np.ndarray]:
    """(row position, item) for every item of a column of lists; missing items dropped
    (callers that look items up in an index, where they match nothing, may keep them)."""
    lists = _lists(values)
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    items = np.fromiter(
        itertools.chain.from_iterable(lists), dtype=object, count=int(lengths.sum())
    )
    rows = np.repeat(np.arange(len(lists)), lengths)
    if not drop_missing:
        return rows, items
    present = pd.notna(items)
    return rows[present], items[present]


def _strings(values, *, numbers=True) -> np.ndarray:
    """A column as stripped strings, with missing values as None (distinct values only are
    converted, so a column of a million repeated codes costs little)."""
    codes, clean = _distinct(values, numbers=numbers)
    return np.array(clean + [None], dtype=object)[codes]  # code -1 (missing): the None


def _distinct(values, *, numbers=True) -> tuple[np.ndarray, list]:
    """(position of each value among the distinct ones or -1 if missing, distinct values as
    stripped strings); vectorised also for pandas string columns. With ``numbers=False`` a
    numeric value is refused (ISCO-08 codes: 110 cannot tell "0110" from "110")."""
    if not isinstance(values, pd.Series | pd.Index | np.ndarray):
        values = np.array(list(values) + [None], dtype=object)[:-1]
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if not numbers and any(
        isinstance(v, int | float | np.number) and not isinstance(v, bool) for v in uniques
    ):
        raise ValueError(
            'occupation must hold ISCO-08 codes as strings ("0110", "72"), '
            "not numbers: a number loses the leading zero of major group 0."
        )
    return codes, [str(v).strip() for v in uniques]


def _binary(rows, cols, shape) -> sp.csr_matrix:
    """0/1 matrix; an item listed twice for the same row counts once."""
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def _isco_prefixes(codes, prefix_index: list[pd.Index]) -> np.ndarray:
    """(levels x n) ids of each code's major, sub-major, minor and unit group.

    -1 where the code is not known that deep; -2 for a group no vacancy has, so that it
    still matches nothing but counts as known.
    """
    position, uniques = _distinct(codes, numbers=False)
    table = np.full((ISCO_LEVELS, len(uniques) + 1), -1, dtype=np.int32)  # last: missing
    for level in range(ISCO_LEVELS):
        prefix = np.array(
            [c[: level + 1] if len(c) > level else None for c in uniques] + [None], dtype=object
        )[:-1]
        ids = prefix_index[level].get_indexer(prefix)
        table[level, :-1] = np.where((prefix != None) & (ids < 0), -2, ids)  # noqa: E711
    return table[:, position]


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

        sum over skills s shared by w and v of log(1 + smoothing * p(s | v) / p(s))
        + isco_weight * isco_credit(w, v)

    * ``p(s | v)`` is the skill's weight, 1 for an essential skill and ``optional_weight``
      for an optional one, divided by the number of skills the vacancy lists (essential
      and optional alike); ``p(s)`` is how often vacancies ask for the skill. A rare skill
      shared says more than a common one, an optional skill less than an essential one,
      and a skill says more about a focused vacancy than about one that lists everything.
      This is the query likelihood of the worker's skills under the vacancy's profile
      (Jelinek-Mercer smoothing), up to a term that depends on the worker only; more
      shared skills never lower the score.
    * ``isco_credit`` is partial credit for the ISCO-08 hierarchy: the entry of
      ``isco_credit`` for the deepest level at which both occupation codes agree (major,
      sub-major, minor, unit group); codes may be given at any level (``"7"``, ``"72"``).
      It acts as a prior: ``isco_weight`` is in the same units as a shared skill (one
      shared skill adds roughly 2 to 9).
    * A pair is a candidate only if it shares at least one skill or at least the ISCO
      sub-major group (sharing only the major group is too broad to make a match).

    Hard constraints, applied only when both frames carry the column: the worker must speak
    every language in the vacancy's ``languages``; the vacancy's ``region`` (or its country,
    the part before ``-`` of an ISO 3166-2 code) must not be in the worker's
    ``excluded_regions`` and, when the worker lists ``destinations``, must be among them.

    Results are exact (the same as scoring every pair), deterministic (among vacancies
    with equal scores the one asking for fewer and commoner skills comes first, then the
    smaller id; among workers the smaller id) and computed chunk by chunk over the supply
    with a sparse top-n kernel, so memory stays bounded whatever the number of workers.

    Parameters
    ----------
    optional_weight : float, default=0.6
        Weight of an optional skill of a vacancy relative to an essential one.
    smoothing : float, default=1.0
        How much a vacancy's own profile counts against the background frequency.
    isco_weight : float, default=4.0
        Score added for agreeing on the ISCO unit group (0 disables the occupation).
    isco_credit : tuple of 4 floats, default=(0.1, 0.3, 0.6, 1.0)
        Credit when the deepest shared ISCO level is the major, sub-major, minor or unit group.
    essential_reading : bool, default=True
        Also read each worker's list as essential skills only (profiles of essential skills,
        their length the number of essential skills) and rank the worker under whichever
        reading gives their best vacancy the higher score. False: the one reading above.
    prune_share : float, default=0.0
        Share of the kernel's work (estimated from how many vacancies list each feature)
        that the first pass of ``recommend`` leaves out by skipping the most common features;
        results stay exact (see ``_fit_pruning``). 0 turns pruning off; on the benchmark
        data it did not pay (docs/matching.md).
    chunk_size : int, default=20000
        Rows of supply scored at once; bounds memory, does not change results.
    n_jobs : int or None, default=None
        Threads for the sparse kernel; None means 1, -1 all cores.
    """

    def __init__(
        self,
        *,
        optional_weight=0.6,
        smoothing=1.0,
        isco_weight=4.0,
        isco_credit=(0.1, 0.3, 0.6, 1.0),
        essential_reading=True,
        prune_share=0.0,
        chunk_size=20_000,
        n_jobs=None,
    ):
        self.optional_weight = optional_weight
        self.essential_reading = essential_reading
        self.smoothing = smoothing
        self.isco_weight = isco_weight
        self.isco_credit = isco_credit
        self.prune_share = prune_share
        self.chunk_size = chunk_size
        self.n_jobs = n_jobs

    # ------------------------------------------------------------------ fit
    def fit(self, demand: pd.DataFrame, y=None) -> SkillMatcher:
        """Learn the demand side.

        ``demand`` has columns ``id`` (unique) and ``skills`` (list of ESCO skill labels, the
        essential ones); optionally ``optional_skills`` (list), ``occupation`` (ISCO-08 code
        at any level, as a string), ``region`` (ISO 3166-2 code or country) and
        ``languages`` (list of languages the vacancy requires). Returns ``self``.
        """
        _check_frame(demand, "demand")
        credit = np.asarray(self.isco_credit, dtype=np.float64)
        if credit.shape != (ISCO_LEVELS,) or (np.diff(np.r_[0.0, credit]) < 0).any():
            raise ValueError(
                "isco_credit needs 4 non-negative, non-decreasing values, one per "
                "ISCO level (major, sub-major, minor, unit group)."
            )
        demand = demand.iloc[_id_order(demand["id"])].reset_index(drop=True)
        n = len(demand)
        essential_lists = np.array(_lists(demand["skills"]) + [None], dtype=object)[:-1]
        optional_lists = np.array(
            (_lists(demand["optional_skills"]) if "optional_skills" in demand else [()] * n)
            + [None],
            dtype=object,
        )[:-1]

        ess_rows, ess_labels = _flatten(essential_lists)
        opt_rows, opt_labels = _flatten(optional_lists)
        self.vocabulary_ = pd.Index(
            pd.unique(np.concatenate([ess_labels, opt_labels])), dtype=object
        )
        shape = (n, len(self.vocabulary_))
        essential = _binary(ess_rows, self.vocabulary_.get_indexer(ess_labels), shape)
        optional = _binary(opt_rows, self.vocabulary_.get_indexer(opt_labels), shape)
        optional = optional - optional.multiply(essential)  # essential wins if listed as both
        optional.eliminate_zeros()
        weights = sp.csr_matrix(essential + float(self.optional_weight) * optional)
        weights.sort_indices()
        # how often vacancies ask for each skill: the background a shared skill is judged against
        df = np.bincount(weights.indices, minlength=shape[1])
        self.skill_frequency_ = df / max(df.sum(), 1)
        # The order in which vacancies with equal scores are ranked: the one asking least
        # first (the information of its skills, sum of -log p(skill); fewer and commoner
        # skills ask less), then by id. Equal scores mean the worker's skills cannot tell the
        # vacancies apart; what is left to miss is most likely held (and merely unlisted)
        # where it is common. Vacancies are kept in this order, so every "smaller column
        # first" below breaks ties this way.
        asks = weights.copy()
        asks.data = -np.log(self.skill_frequency_[asks.indices])
        order = np.argsort(
            np.round(np.asarray(asks.sum(axis=1)).ravel(), _SCORE_DECIMALS), kind="stable"
        )
        demand = demand.iloc[order].reset_index(drop=True)
        weights = weights[order]
        self.demand_ids_ = demand["id"].to_numpy()
        self.demand_id_position_ = np.argsort(order)  # position in id order, for output
        self.demand_essential_ = essential_lists[order]
        self.demand_optional_ = optional_lists[order]
        # p(skill | vacancy): the skill's weight over the number of skills the vacancy
        # lists. An optional skill is weaker evidence when shared, but it lengthens the
        # profile as much as an essential one (docs/matching.md, "Essential and optional")
        listed = np.diff(weights.indptr)
        share = weights.data / np.repeat(listed, listed)
        # log(1 + c * p(skill | vacancy) / p(skill)): query likelihood with Jelinek-Mercer
        # smoothing, reduced to a sum over shared skills so the sparse kernel can compute it
        weights.data = np.log1p(
            float(self.smoothing) * share / self.skill_frequency_[weights.indices]
        )
        self.has_occupation_ = "occupation" in demand
        extra = None
        if self.has_occupation_:
            codes = _strings(demand["occupation"], numbers=False)
            self.isco_prefix_index_ = [
                pd.Index(
                    pd.unique(
                        np.array([c[: lvl + 1] for c in codes if c and len(c) > lvl], dtype=object)
                    ),
                    dtype=object,
                )
                for lvl in range(ISCO_LEVELS)
            ]
            self.demand_isco_ = _isco_prefixes(codes, self.isco_prefix_index_)
            if self.isco_weight:
                # sub-major, minor and unit group become extra features worth the credit they
                # add over the level above, so the kernel ranks by skills and occupation at
                # once; the major group (many vacancies per group) is added after the kernel
                step = float(self.isco_weight) * np.diff(self._credit_table()[1:])
                extra = self._isco_features(self.demand_isco_, step)
        self.demand_matrix_ = weights if extra is None else sp.hstack([weights, extra], "csr")
        self.demand_matrix_.sort_indices()
        # the kernel multiplies (workers x features) by (features x vacancies)
        self.demand_matrix_t_ = self.demand_matrix_.T.tocsr()
        # The second reading of a worker's list: the worker names essential skills only, so
        # p(skill | vacancy) is 1 over the number of ESSENTIAL skills and optional ones are
        # not part of the profile. Each worker is ranked under the reading that explains
        # their list better (docs/matching.md, "Two readings of a worker's list").
        self.essential_matrix_t_ = None
        if self.essential_reading:
            only = sp.csr_matrix(essential[order])
            only.sort_indices()
            counted = np.diff(only.indptr)
            only.data = np.log1p(
                float(self.smoothing)
                / np.repeat(counted, counted)
                / self.skill_frequency_[only.indices]
            )
            only = only if extra is None else sp.hstack([only, extra], "csr")
            self.essential_matrix_t_ = only.T.tocsr()
            self.essential_matrix_t_.sort_indices()
        self._fit_pruning()

        self.has_languages_ = "languages" in demand
        if self.has_languages_:
            lang_rows, lang_labels = _flatten(demand["languages"])
            self.language_index_ = pd.Index(pd.unique(lang_labels), dtype=object)
            self.demand_languages_ = _bitmask(
                lang_rows,
                self.language_index_.get_indexer(lang_labels),
                n,
                len(self.language_index_),
            )
            # vacancies grouped by the languages they require: workers who speak the same
            # languages qualify for the same groups, and are scored in one kernel pass
            # against exactly those vacancies (filtering after the kernel would need many
            # more candidates per worker when most vacancies need a language they lack)
            required, group = np.unique(self.demand_languages_, axis=0, return_inverse=True)
            self.language_groups_ = (
                (required, group.ravel()) if len(required) <= MAX_LANGUAGE_GROUPS else None
            )
        self.has_region_ = "region" in demand
        if self.has_region_:
            regions = _strings(demand["region"])
            country = np.array(
                [None if r is None else r.split("-")[0] for r in regions] + [None], dtype=object
            )[:-1]
            names = np.concatenate([regions, country])
            self.region_index_ = pd.Index(pd.unique(names[pd.notna(names)]), dtype=object)
            self.demand_regions_ = np.stack(
                [self.region_index_.get_indexer(regions), self.region_index_.get_indexer(country)]
            )
        return self

    def _fit_pruning(self):
        """Split the features into kept and pruned ones for the first kernel pass.

        The kernel's work for a feature grows with the square of the number of vacancies
        that have it, so a few common skills (and the ISCO sub-major groups) make most of
        it while adding little to any score. The fewest most common features
        that make up ``prune_share`` of that work are left out of the first pass; their exact
        contribution is added to the candidates it finds afterwards, and the most they could
        add (``pruned_max_``) bounds what a pair left out could reach.
        """
        matrix = self.demand_matrix_
        n_features = matrix.shape[1]
        df = np.bincount(matrix.indices, minlength=n_features).astype(np.float64)
        pruned = np.zeros(n_features, dtype=bool)
        top = np.zeros(n_features)
        np.maximum.at(top, matrix.indices, matrix.data)
        if self.prune_share and df.any():
            # most work saved per unit of bound first: the ISCO sub-major groups (many
            # vacancies each, little credit) and then the commonest skills
            order = np.argsort(-(df**2) / np.maximum(top, 1e-12), kind="stable")
            work = np.cumsum(df[order] ** 2) / (df**2).sum()
            # the fewest most common features that make up prune_share of the work
            pruned[order[: int(np.searchsorted(work, float(self.prune_share))) + 1]] = True
        self.pruned_features_ = pruned
        self.pruned_max_ = np.where(pruned, top, 0.0)
        if pruned.any():
            in_pruned = pruned[matrix.indices]
            rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
            # (vacancy, feature) keys of the pruned weights, sorted, for exact look-ups
            self.pruned_keys_ = (
                rows[in_pruned].astype(np.int64) * n_features + matrix.indices[in_pruned]
            )
            self.pruned_values_ = matrix.data[in_pruned]
            keep = sp.diags((~pruned).astype(np.float64))
            self.kept_matrix_t_ = sp.csr_matrix(keep @ self.demand_matrix_t_)
            self.kept_matrix_t_.eliminate_zeros()
        else:
            self.kept_matrix_t_ = None

    # ------------------------------------------------------------ recommend
    def recommend(
        self,
        supply: pd.DataFrame,
        k: int = 10,
        explain: bool = False,
        progress: Callable[[float], None] | None = None,
    ) -> pd.DataFrame:
        """The top ``k`` vacancies for each worker.

        ``supply`` has columns ``id`` (unique) and ``skills`` (list); optionally
        ``occupation``, ``languages`` (spoken), ``excluded_regions`` and ``destinations``
        (lists of ISO 3166-2 regions or country codes). Returns a DataFrame with
        ``supply_id, demand_id, rank, score`` sorted by supply id and rank, and with
        ``explain=True`` also ``shared_skills`` (the worker's skills the vacancy lists,
        essential first) and ``missing_skills`` (essential skills the worker lacks). A
        worker sharing no skill with any feasible vacancy has no rows. ``progress`` is called
        with the fraction of supply done after each chunk.
        """
        return self._run(supply, k, explain, progress, candidates=False)

    def recommend_candidates(
        self,
        supply: pd.DataFrame,
        k: int = 10,
        explain: bool = False,
        progress: Callable[[float], None] | None = None,
    ) -> pd.DataFrame:
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
        k = int(k)
        if k < 1:
            raise ValueError("k must be at least 1.")
        supply = supply.iloc[_id_order(supply["id"])].reset_index(drop=True)
        supply_ids = supply["id"].to_numpy()
        n_supply, n_demand = len(supply), len(self.demand_ids_)
        chunk = max(1, int(self.chunk_size))
        parts, cache = [], {}
        if candidates:
            best = (np.full((n_demand, k), -1, np.int64), np.full((n_demand, k), -np.inf))
        for start in range(0, n_supply, chunk):
            side = self._supply_side(supply.iloc[start : start + chunk])
            if candidates:
                cols, score = self._candidates_top_k(side, k, cache)
                # merge with the running top k; earlier chunks hold smaller ids, and the
                # stable sort keeps them first among equal scores
                cols = np.concatenate([best[0], np.where(cols >= 0, cols + start, -1)], axis=1)
                score = np.concatenate([best[1], score], axis=1)
                order = np.argsort(-score, axis=1, kind="stable")[:, :k]
                best = (np.take_along_axis(cols, order, 1), np.take_along_axis(score, order, 1))
            else:
                cols, score = self._vacancies_top_k(side, k, cache)
                valid = cols >= 0
                rows, ranks = np.nonzero(valid)
                parts.append((start + rows, cols[valid], ranks + 1, score[valid]))
            if progress is not None:
                progress(min(1.0, (start + chunk) / n_supply))
        if candidates:
            valid = best[0] >= 0
            rows, ranks = np.nonzero(valid)
            vacancies, workers, score = rows, best[0][valid], best[1][valid]
            by_id = np.lexsort((ranks, self.demand_id_position_[vacancies]))
            vacancies, workers, score, ranks = (
                x[by_id] for x in (vacancies, workers, score, ranks)
            )
            frame = pd.DataFrame(
                {"demand_id": self.demand_ids_[vacancies], "supply_id": supply_ids[workers]}
            )
        else:
            # one frame from whole arrays, so dtypes do not depend on the chunking
            workers, vacancies, ranks, score = (
                (np.concatenate(x) for x in zip(*parts, strict=True))
                if parts
                else (
                    np.zeros(0, np.int64),
                    np.zeros(0, np.int64),
                    np.zeros(0, np.int64),
                    np.zeros(0),
                )
            )
            frame = pd.DataFrame(
                {"supply_id": supply_ids[workers], "demand_id": self.demand_ids_[vacancies]}
            )
        frame["rank"] = np.asarray(ranks, dtype=np.int64) + (1 if candidates else 0)
        frame["score"] = score
        if explain:
            self._explain(frame, vacancies, supply["skills"].to_numpy()[workers])
        return frame

    def _supply_side(self, block: pd.DataFrame) -> dict:
        """Skill vectors and constraint data for one chunk of workers."""
        n = len(block)
        rows, labels = _flatten(block["skills"], drop_missing=False)
        cols = self.vocabulary_.get_indexer(labels)
        known = cols >= 0  # a skill no vacancy asks for cannot be shared: left out
        matrix = _binary(rows[known], cols[known], (n, len(self.vocabulary_)))
        side = {"n": n}
        extra_columns = self.demand_matrix_.shape[1] - matrix.shape[1]
        if extra_columns:
            if "occupation" in block:
                side["isco"] = _isco_prefixes(block["occupation"], self.isco_prefix_index_)
                extra = self._isco_features(side["isco"], 1.0)
            else:
                extra = sp.csr_matrix((n, extra_columns))
            matrix = sp.hstack([matrix, extra], "csr")
        side["matrix"] = matrix
        if self.has_languages_ and "languages" in block:
            lrows, llabels = _flatten(block["languages"])
            ids = self.language_index_.get_indexer(llabels)
            side["languages"] = _bitmask(
                lrows[ids >= 0], ids[ids >= 0], n, len(self.language_index_)
            )
        if self.has_region_:
            size = len(self.region_index_) + 1
            for column in ("excluded_regions", "destinations"):
                if column in block:
                    rrows, rlabels = _flatten(block[column])
                    ids = self.region_index_.get_indexer(_strings(rlabels))
                    # a bit per (worker, region); unknown regions get a spare id
                    side[column] = _bitmask(rrows, np.where(ids >= 0, ids, size - 1), n, size)
                    side[column + "_any"] = np.bincount(rrows, minlength=n) > 0
            side["region_size"] = size
        return side

    def _pair_score(self, skill_score, worker, vacancy, side, *, check_languages=True):
        """Final score and feasibility for (worker, vacancy) pairs of one chunk."""
        score = skill_score
        if "isco" in side:  # deeper levels were features of the kernel
            major = side["isco"][0][worker]
            same = (major == self.demand_isco_[0][vacancy]) & (major >= 0)
            score = score + same * (float(self.isco_weight) * self._credit_table()[1])
        feasible = None
        if "languages" in side and check_languages:
            need = self.demand_languages_[vacancy] & ~side["languages"][worker]
            feasible = ~need.any(axis=1)
        if "region_size" in side:
            region, country = self.demand_regions_[0][vacancy], self.demand_regions_[1][vacancy]
            ok = np.ones(len(worker), dtype=bool)
            for column in ("excluded_regions", "destinations"):
                if column not in side:
                    continue
                # only the pairs of workers who list such regions (usually few) are looked up
                pick = np.flatnonzero(side[column + "_any"][worker])
                w, r = worker[pick], region[pick]
                listed = _has_bit(side[column], w, r) | _has_bit(side[column], w, country[pick])
                # a vacancy without a region is in no excluded region and in any destination
                ok[pick] &= ~listed if column == "excluded_regions" else listed | (r < 0)
            feasible = ok if feasible is None else feasible & ok
        return np.round(score, _SCORE_DECIMALS), feasible

    def _isco_features(self, prefixes, values) -> sp.csr_matrix:
        """Columns after the skills: one per sub-major, minor and unit group."""
        n = prefixes.shape[1]
        rows, cols, data, offset = [], [], [], len(self.vocabulary_)
        for level, value in zip(range(1, ISCO_LEVELS), np.broadcast_to(values, 3), strict=True):
            known = np.flatnonzero(prefixes[level] >= 0)
            rows.append(known)
            cols.append(offset + prefixes[level][known])
            data.append(np.full(len(known), value))
            offset += len(self.isco_prefix_index_[level])
        return sp.csr_matrix(
            (
                np.concatenate(data),
                (np.concatenate(rows), np.concatenate(cols) - len(self.vocabulary_)),
            ),
            shape=(n, offset - len(self.vocabulary_)),
        )

    def _credit_table(self) -> np.ndarray:
        return np.concatenate([[0.0], np.asarray(self.isco_credit, dtype=np.float64)])

    def _credit_bound(self, side, rows, *, vacancies) -> np.ndarray | float:
        """Most credit the kernel did not see that a pair of each row could get: the major
        group's, if the row's code is known."""
        if "isco" not in side:
            return 0.0
        codes = self.demand_isco_[0, rows] if vacancies else side["isco"][0, rows]
        return (codes >= 0) * (float(self.isco_weight) * self._credit_table()[1])

    def _top_k(
        self,
        a,
        b,
        k,
        side,
        *,
        transpose,
        row_ids=None,
        col_ids=None,
        languages_checked=False,
        pruned=None,
    ):
        """Exact top k per row of a @ b after occupation credit and constraints.

        Returns (columns, scores) as (rows x k) arrays, best first, ties broken by the
        smaller column (the tie order of ``fit``), -1 / -inf where a row has fewer than k
        matches.

        The kernel keeps the top ``m`` skill scores per row. A row is settled when its k-th
        final score beats the best final score any pair outside those ``m`` could reach;
        unsettled rows are recomputed with a larger ``m`` (at worst every overlapping pair).
        ``row_ids`` / ``col_ids`` map rows of ``a`` to workers of the chunk and columns of
        ``b`` to vacancies when they are subsets.

        With ``pruned`` (``b`` without the pruned features, see ``_fit_pruning``) the first
        pass runs on it: candidates get the exact score of the pruned features added, and a
        row is settled only when its k-th score beats the lowest kept kernel score plus the
        most the worker's pruned features could add (their maximum weights summed). Rows
        left unsettled go through the passes on the whole of ``b``.
        """
        n_rows, n_cols = a.shape[0], b.shape[1]
        out_cols = np.full((n_rows, k), -1, dtype=np.int64)
        out_score = np.full((n_rows, k), -np.inf)
        # a few more than k, so that most rows settle in one pass; more when constraints
        # (languages, when not split into groups) will drop many; region exclusions drop few
        constrained = "languages" in side and not languages_checked
        top_n = min(n_cols, 2 * k + 5 if constrained else k + 5)
        pending = np.arange(n_rows)
        threads = _threads(self.n_jobs)
        if pruned is not None:
            a_pruned = sp.csr_matrix(a @ sp.diags(self.pruned_features_.astype(np.float64)))
            a_pruned.eliminate_zeros()
            reach = a_pruned @ self.pruned_max_  # most the pruned features add, per row
            if not reach.any():
                pruned = None
        first_top_n = top_n
        if pruned is not None:
            top_n = min(n_cols, 2 * top_n)
        while len(pending) and n_cols:
            # threads do not pay on tiny calls (each waits for its slowest thread); from a
            # hundred rows on they do, also for the re-passes of unsettled rows
            c = sp_matmul_topn(
                a[pending] if len(pending) < n_rows else a,
                b if pruned is None else pruned,
                top_n=top_n,
                n_threads=threads if len(pending) >= _MIN_THREADED_ROWS else None,
            )
            c.sort_indices()  # so that equal scores keep the smaller column first
            counts = np.diff(c.indptr)
            local = np.repeat(np.arange(len(pending)), counts)
            position = np.arange(len(local)) - c.indptr[local]
            cols = c.indices.astype(np.int64)
            rows = pending[local]
            if col_ids is not None:
                cols = col_ids[cols]
            worker, vacancy = (
                (cols, rows) if transpose else (rows if row_ids is None else row_ids[rows], cols)
            )
            skill = (
                c.data
                if pruned is None
                else c.data + self._pruned_part(a_pruned, pending[local], vacancy)
            )
            score, feasible = self._pair_score(
                skill, worker, vacancy, side, check_languages=not languages_checked
            )
            if feasible is not None:
                score = np.where(feasible, score, -np.inf)
            # per-row sorting on a small dense (rows x m) table is much faster than lexsort
            table = np.full((len(pending), top_n), -np.inf)
            table[local, position] = score
            order = np.argsort(-table, axis=1, kind="stable")[:, :k]
            best = np.take_along_axis(table, order, 1)
            col_table = np.full((len(pending), top_n), -1, dtype=np.int64)
            col_table[local, position] = cols
            best_cols = np.where(best > -np.inf, np.take_along_axis(col_table, order, 1), -1)
            lowest = np.full(len(pending), np.inf)
            np.minimum.at(lowest, local, c.data)
            credit = self._credit_bound(
                side, pending if row_ids is None else row_ids[pending], vacancies=transpose
            )
            kth = best[:, -1] if best.shape[1] == k else np.full(len(pending), -np.inf)
            complete = (counts < top_n) | (top_n >= n_cols)
            if pruned is None:
                settled = complete | (kth > lowest + credit + _EPS)
            else:
                # pairs the pass left out share no kept feature with the row (when complete)
                # or score at most the lowest kept; either way they may share pruned ones
                extra = reach[pending]
                bound = np.where(complete, 0.0, lowest) + credit + extra
                settled = (complete & (extra <= 0)) | (kth > bound + _EPS)
            if best.shape[1] < k:  # fewer columns than k
                best = np.pad(best, ((0, 0), (0, k - best.shape[1])), constant_values=-np.inf)
                best_cols = np.pad(
                    best_cols, ((0, 0), (0, k - best_cols.shape[1])), constant_values=-1
                )
            out_cols[pending[settled]] = best_cols[settled]
            out_score[pending[settled]] = best[settled]
            pending = pending[~settled]
            if pruned is not None:  # then the whole of b, from the usual number of candidates
                pruned, top_n = None, first_top_n
            else:
                top_n = min(n_cols, top_n * 4)
        return out_cols, out_score

    def _candidates_top_k(self, side, k, cache):
        """Top k workers of the chunk per vacancy, each worker under their own reading."""
        if self.essential_matrix_t_ is None:
            return self._top_k(
                self.demand_matrix_, side["matrix"].T.tocsr(), k, side, transpose=True
            )
        full = self._reading_is_full(side, cache)
        parts = []
        for rows, matrix_t in (
            (np.flatnonzero(~full), self.essential_matrix_t_),
            (np.flatnonzero(full), self.demand_matrix_t_),
        ):
            if len(rows):
                cols, score = self._top_k(
                    matrix_t.T.tocsr(),
                    side["matrix"][rows].T.tocsr(),
                    k,
                    side,
                    transpose=True,
                    col_ids=rows,
                )
                parts.append((cols, score))
        if not parts:
            n = self.demand_matrix_t_.shape[1]
            return np.full((n, k), -1, np.int64), np.full((n, k), -np.inf)
        cols = np.concatenate([c for c, _ in parts], axis=1)
        score = np.concatenate([s for _, s in parts], axis=1)
        # best score first, equal scores by the smaller worker (the two parts interleave)
        order = np.lexsort((np.where(cols >= 0, cols, np.iinfo(np.int64).max), -score), axis=1)[
            :, :k
        ]
        return np.take_along_axis(cols, order, 1), np.take_along_axis(score, order, 1)

    def _reading_is_full(self, side, cache) -> np.ndarray:
        """Per worker of the chunk: True where the reading with optional skills gives the
        worker's best vacancy a higher score than the essential-only reading."""
        _, full_best = self._vacancies_top_k_with(side, 1, cache, full=True)
        _, essential_best = self._vacancies_top_k_with(side, 1, cache, full=False)
        return full_best[:, 0] > essential_best[:, 0]

    def _vacancies_top_k(self, side, k, cache):
        """Top k vacancies per worker of the chunk, each worker under the reading of their
        list (essential skills only, or essential and optional) whose best vacancy scores
        higher; equal best scores keep the essential-only reading."""
        cols, score = self._vacancies_top_k_with(side, k, cache, full=True)
        if self.essential_matrix_t_ is None:
            return cols, score
        e_cols, e_score = self._vacancies_top_k_with(side, k, cache, full=False)
        full = score[:, 0] > e_score[:, 0]
        return np.where(full[:, None], cols, e_cols), np.where(full[:, None], score, e_score)

    def _vacancies_top_k_with(self, side, k, cache, *, full=True):
        """Top k vacancies per worker of the chunk under one reading.

        Workers who qualify for the same language groups are scored together in one pass
        against exactly the vacancies they qualify for; ``cache`` keeps those column subsets
        of the demand between chunks.
        """
        groups = getattr(self, "language_groups_", None)
        matrix, n = side["matrix"], side["n"]
        demand_t = self.demand_matrix_t_ if full else self.essential_matrix_t_
        kept_t = self.kept_matrix_t_ if full else None
        if "languages" not in side or groups is None:
            return self._top_k(matrix, demand_t, k, side, transpose=False, pruned=kept_t)
        required, group = groups
        # the groups each worker qualifies for, as the bits of one integer (at most
        # MAX_LANGUAGE_GROUPS = 32 groups): sorting integers is much faster than rows
        bits = np.left_shift(np.uint64(1), np.arange(len(required), dtype=np.uint64))
        keys = sum(
            np.where(~(need & ~side["languages"]).any(axis=1), bit, np.uint64(0))
            for need, bit in zip(required, bits, strict=True)
        )
        profiles, which = np.unique(keys, return_inverse=True)
        cols = np.full((n, k), -1, dtype=np.int64)
        score = np.full((n, k), -np.inf)
        for p, key in enumerate(profiles.tolist()):
            if not key:  # qualifies for no vacancy
                continue
            rows = np.flatnonzero(which == p)
            if (full, key) not in cache:
                if len(cache) >= 8 * MAX_LANGUAGE_GROUPS:
                    cache.clear()
                profile = (key >> np.arange(len(required), dtype=np.uint64)) & 1 == 1
                members = np.flatnonzero(profile[group])  # ascending: keeps the tie order
                cache[full, key] = (
                    members,
                    demand_t[:, members].tocsr(),
                    None if kept_t is None else kept_t[:, members].tocsr(),
                )
            members, subset, kept = cache[full, key]
            cols[rows], score[rows] = self._top_k(
                matrix[rows],
                subset,
                k,
                side,
                transpose=False,
                row_ids=rows,
                col_ids=members,
                languages_checked=True,
                pruned=kept,
            )
        return cols, score

    def _pruned_part(self, a, rows, vacancies) -> np.ndarray:
        """Exact score of the pruned features for pairs (row of ``a``, vacancy)."""
        indptr, indices = a.indptr, a.indices
        counts = np.diff(indptr)[rows]
        total = int(counts.sum())
        if not total:
            return np.zeros(len(rows))
        pair = np.repeat(np.arange(len(rows)), counts)
        item = np.repeat(indptr[rows] - np.cumsum(counts) + counts, counts) + np.arange(total)
        keys = vacancies[pair].astype(np.int64) * self.demand_matrix_.shape[1] + indices[item]
        found = np.minimum(np.searchsorted(self.pruned_keys_, keys), len(self.pruned_keys_) - 1)
        hit = self.pruned_keys_[found] == keys
        return np.bincount(pair[hit], weights=self.pruned_values_[found[hit]], minlength=len(rows))

    def _explain(self, frame, vacancies, worker_skills):
        shared, missing = [], []
        for v, skills in zip(vacancies, worker_skills, strict=True):
            have = set(skills) if isinstance(skills, list | tuple | set | np.ndarray) else set()
            essential = list(dict.fromkeys(self.demand_essential_[v]))
            optional = [s for s in dict.fromkeys(self.demand_optional_[v]) if s not in essential]
            shared.append([s for s in essential + optional if s in have])
            missing.append([s for s in essential if s not in have])
        frame["shared_skills"] = pd.Series(shared, index=frame.index, dtype=object)
        frame["missing_skills"] = pd.Series(missing, index=frame.index, dtype=object)


def _bitmask(rows, ids, n_rows, n_ids) -> np.ndarray:
    """One row of uint64 words per item with the bit of every id set."""
    words = max(1, -(-n_ids // 64))
    mask = np.zeros((n_rows, words), dtype=np.uint64)
    ids = np.asarray(ids, dtype=np.int64)
    np.bitwise_or.at(
        mask, (rows, ids // 64), np.left_shift(np.uint64(1), (ids % 64).astype(np.uint64))
    )
    return mask


def _has_bit(mask, rows, ids) -> np.ndarray:
    """Whether row rows[i] of a _bitmask has the bit of ids[i] set (False where ids < 0)."""
    safe = np.maximum(ids, 0)
    words = mask[rows, safe // 64]
    return ((words >> (safe % 64).astype(np.uint64)) & np.uint64(1)).astype(bool) & (ids >= 0)


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

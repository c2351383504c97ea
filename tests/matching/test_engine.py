"""The skills matcher as an estimator, without a database: conventions, exactness against a
brute-force reference, constraints, explanations, determinism and chunking."""

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)

from matching.engine import SkillMatcher

SKILLS = [f"skill {i}" for i in range(30)]
CODES = ["7212", "7213", "7221", "7311", "5120", "5131", "2654", "72", "7", "0110"]
LANGUAGES = ["ru", "kk", "ky", "uz", "ko"]
REGIONS = ["KZ-ALA", "KZ-AST", "RU-MOW", "RU-SPE", "KR-11", None]


def random_frames(seed, n_demand=40, n_supply=70):
    """Small random vacancies and workers with every optional column filled in."""
    rng = np.random.default_rng(seed)

    def pick(pool, low, high):
        return [str(s) for s in rng.choice(pool, size=rng.integers(low, high + 1), replace=False)]

    # skills drawn unevenly so that some are common and some rare; ties happen on purpose
    weights = np.linspace(3, 0.2, len(SKILLS))
    weights /= weights.sum()

    def skills(low, high):
        return [
            str(s)
            for s in rng.choice(SKILLS, size=rng.integers(low, high + 1), replace=False, p=weights)
        ]

    demand = pd.DataFrame(
        {
            "id": rng.permutation(n_demand) * 3 + 100,
            "skills": [skills(1, 6) for _ in range(n_demand)],
            "optional_skills": [skills(0, 4) for _ in range(n_demand)],
            "occupation": [CODES[i] if i < 7 else None for i in rng.integers(0, 8, n_demand)],
            "region": [REGIONS[i] for i in rng.integers(0, len(REGIONS), n_demand)],
            "languages": [pick(LANGUAGES[:3], 0, 1) for _ in range(n_demand)],
        }
    )
    supply = pd.DataFrame(
        {
            "id": [f"w{i:03d}" for i in rng.permutation(n_supply)],
            "skills": [
                skills(0, 7) + (["unknown skill"] if rng.random() < 0.2 else [])
                for _ in range(n_supply)
            ],
            "occupation": [
                CODES[i] if i < len(CODES) else None
                for i in rng.integers(0, len(CODES) + 2, n_supply)
            ],
            "languages": [pick(LANGUAGES, 0, 3) for _ in range(n_supply)],
            "excluded_regions": [pick(["RU", "KZ-ALA", "KR-11"], 0, 1) for _ in range(n_supply)],
            "destinations": [
                pick(["KZ", "RU", "KR-11"], 0, 2) if rng.random() < 0.4 else []
                for _ in range(n_supply)
            ],
        }
    )
    return demand, supply


def text(value):
    """A string cell, or None (pandas 3 turns None in a string column into NaN)."""
    return value if isinstance(value, str) else None


def reference_scores(demand, supply, *, essential_reading=True, **params):
    """Every (worker, vacancy) pair scored directly from the documented formula, each worker
    under the reading of their list whose best vacancy scores higher (essential skills only
    wins a tie); pairs that are not candidates or break a hard constraint are left out."""
    full = _reading_scores(demand, supply, essential_only=False, **params)
    if not essential_reading:
        return full
    essential = _reading_scores(demand, supply, essential_only=True, **params)

    def best(scores):
        top = {}
        for (w, _), score in scores.items():
            top[w] = max(top.get(w, -math.inf), round(score, 10))
        return top

    best_full, best_essential = best(full), best(essential)
    use_full = {w for w, score in best_full.items() if score > best_essential.get(w, -math.inf)}
    return {
        pair: score
        for scores, keep in ((full, True), (essential, False))
        for pair, score in scores.items()
        if (pair[0] in use_full) == keep
    }


def _reading_scores(
    demand,
    supply,
    *,
    essential_only,
    optional_weight=0.6,
    smoothing=1.0,
    isco_weight=4.0,
    isco_credit=(0.1, 0.3, 0.6, 1.0),
):
    essential = [set(s) for s in demand["skills"]]
    optional = [set(o) - e for o, e in zip(demand["optional_skills"], essential, strict=True)]
    frequency = {}
    for e, o in zip(essential, optional, strict=True):
        for s in e | o:
            frequency[s] = frequency.get(s, 0) + 1
    total_frequency = sum(frequency.values())
    credit = (0.0, *isco_credit)
    scores = {}
    for w in supply.itertuples(index=False):
        have = set(w.skills)
        for v, e, o in zip(demand.itertuples(index=False), essential, optional, strict=True):
            weight = {
                **({} if essential_only else {s: optional_weight for s in o}),
                **{s: 1.0 for s in e},
            }
            size = len(weight)  # the number of skills the profile lists
            skill_score = sum(
                math.log1p(smoothing * (weight[s] / size) / (frequency[s] / total_frequency))
                for s in have & weight.keys()
            )
            depth, mine, theirs = 0, text(w.occupation), text(v.occupation)
            if mine and theirs:
                while (
                    depth < 4
                    and depth < min(len(mine), len(theirs))
                    and mine[: depth + 1] == theirs[: depth + 1]
                ):
                    depth += 1
            if not (have & weight.keys()) and depth < 2:
                continue
            if not set(v.languages) <= set(w.languages):
                continue
            if text(v.region):
                places = {v.region, v.region.split("-")[0]}
                if places & set(w.excluded_regions):
                    continue
                if w.destinations and not places & set(w.destinations):
                    continue
            scores[w.id, v.id] = skill_score + isco_weight * credit[depth]
    return scores


def asking(demand):
    """What each vacancy asks, for breaking ties: the sum of -log p(skill) over its skills,
    p being the share of (vacancy, skill) listings that name the skill."""
    listed = [
        set(e) | set(o) for e, o in zip(demand["skills"], demand["optional_skills"], strict=True)
    ]
    counts = {}
    for skills in listed:
        for s in skills:
            counts[s] = counts.get(s, 0) + 1
    total = sum(counts.values())
    return {
        v: round(sum(-math.log(counts[s] / total) for s in skills), 10)
        for v, skills in zip(demand["id"], listed, strict=True)
    }


def reference_top_k(scores, k, *, by_worker=True, asks=None):
    """Top k per worker (or per vacancy), best first; equal scores ordered by what the
    vacancy asks (``asks``, for vacancies per worker), then by the other side's id."""
    groups = {}
    for (w, v), score in scores.items():
        key, other = (w, v) if by_worker else (v, w)
        tie = asks[v] if by_worker and asks else 0.0
        groups.setdefault(key, []).append((-round(score, 10), tie, other))
    return {key: [(s, o) for s, _, o in sorted(pairs)[:k]] for key, pairs in groups.items()}


def as_lists(ranked, key, other):
    return {
        name: list(zip(-group["score"].round(10), group[other], strict=True))
        for name, group in ranked.groupby(key, sort=False)
    }


def assert_same_top_k(got, expected):
    assert got.keys() == expected.keys()
    for key, pairs in expected.items():
        assert [o for _, o in got[key]] == [o for _, o in pairs], key
        np.testing.assert_allclose([s for s, _ in got[key]], [s for s, _ in pairs], atol=1e-6)


# ------------------------------------------------------------------ estimator conventions
@pytest.mark.parametrize(
    "check",
    [
        check_no_attributes_set_in_init,
        check_get_params_invariance,
        check_set_params,
        check_parameters_default_constructible,
    ],
)
def test_sklearn_parameter_conventions(check):
    check("SkillMatcher", SkillMatcher())


def test_init_stores_parameters_and_clone_keeps_them():
    matcher = SkillMatcher(optional_weight=0.3, isco_weight=0.0, chunk_size=7, n_jobs=2)
    assert matcher.get_params() == {
        "optional_weight": 0.3,
        "smoothing": 1.0,
        "isco_weight": 0.0,
        "isco_credit": (0.1, 0.3, 0.6, 1.0),
        "essential_reading": True,
        "prune_share": 0.0,
        "chunk_size": 7,
        "n_jobs": 2,
    }
    copy = clone(matcher.set_params(optional_weight=0.9))
    assert copy.get_params()["optional_weight"] == 0.9
    assert copy is not matcher


def test_fit_returns_self_and_learns_trailing_underscore_attributes():
    demand, _ = random_frames(0)
    matcher = SkillMatcher()
    assert matcher.fit(demand) is matcher
    assert hasattr(matcher, "demand_matrix_") and hasattr(matcher, "vocabulary_")


@pytest.mark.parametrize("method", ["recommend", "recommend_candidates"])
def test_using_an_unfitted_matcher_raises(method):
    _, supply = random_frames(0)
    with pytest.raises(NotFittedError):
        getattr(SkillMatcher(), method)(supply)


def test_bad_input_is_refused():
    demand, supply = random_frames(0)
    with pytest.raises(ValueError, match="skills"):
        SkillMatcher().fit(demand.drop(columns="skills"))
    with pytest.raises(ValueError, match="unique"):
        SkillMatcher().fit(pd.concat([demand, demand.iloc[:1]]))
    with pytest.raises(ValueError, match="isco_credit"):
        SkillMatcher(isco_credit=(1.0, 0.5, 0.2, 0.1)).fit(demand)
    # a joined string would otherwise be read as no skills and silently match nothing
    joined = demand.assign(skills=demand["skills"].map("|".join))
    with pytest.raises(ValueError, match="skills must hold a list"):
        SkillMatcher().fit(joined)
    matcher = SkillMatcher().fit(demand)
    with pytest.raises(ValueError, match="skills must hold a list"):
        matcher.recommend(supply.assign(skills=supply["skills"].map(", ".join)))
    # ISCO codes as numbers (a CSV read without dtype=str): 110 could be "0110" or "110"
    with pytest.raises(ValueError, match="ISCO-08 codes as strings"):
        SkillMatcher().fit(demand.assign(occupation=np.arange(len(demand)) + 1000))
    with pytest.raises(ValueError, match="ISCO-08 codes as strings"):
        matcher.recommend(supply.assign(occupation=[110.0] + [None] * (len(supply) - 1)))
    # a missing cell is a worker with no skills listed, not an error
    missing, empty = supply.copy(), supply.copy()
    missing["skills"] = [None, float("nan")] + list(supply["skills"][2:])
    empty["skills"] = [[], []] + list(supply["skills"][2:])
    pd.testing.assert_frame_equal(
        matcher.recommend(missing, explain=True), matcher.recommend(empty, explain=True)
    )


# ------------------------------------------------------------ exactness against a reference
@pytest.mark.parametrize("seed", range(4))
def test_recommend_matches_brute_force_reference(seed):
    demand, supply = random_frames(seed)
    ranked = SkillMatcher(chunk_size=9).fit(demand).recommend(supply, k=5)
    expected = reference_top_k(reference_scores(demand, supply), 5, asks=asking(demand))
    assert_same_top_k(as_lists(ranked, "supply_id", "demand_id"), expected)
    assert (
        ranked.groupby("supply_id")["rank"]
        .apply(list)
        .map(lambda r: r == list(range(1, len(r) + 1)))
        .all()
    )


def test_threads_give_the_same_exact_results():
    # enough workers in one language group that the kernel runs threaded, in the first
    # pass and in the re-pass for the workers it does not settle
    demand, supply = random_frames(5, n_supply=600)
    demand["languages"] = [[] for _ in range(len(demand))]
    one = SkillMatcher(chunk_size=300).fit(demand)
    two = SkillMatcher(chunk_size=600, n_jobs=2).fit(demand)
    ranked = two.recommend(supply, k=5)
    pd.testing.assert_frame_equal(ranked, one.recommend(supply, k=5))
    pd.testing.assert_frame_equal(
        two.recommend_candidates(supply, k=5), one.recommend_candidates(supply, k=5)
    )
    expected = reference_top_k(reference_scores(demand, supply), 5, asks=asking(demand))
    assert_same_top_k(as_lists(ranked, "supply_id", "demand_id"), expected)


@pytest.mark.parametrize(("seed", "prune_share"), [(0, 0.3), (1, 0.5), (2, 0.8), (3, 0.95)])
def test_pruned_first_pass_matches_brute_force_reference(seed, prune_share):
    demand, supply = random_frames(seed, n_supply=90)
    matcher = SkillMatcher(chunk_size=16, prune_share=prune_share).fit(demand)
    assert matcher.pruned_features_.any()
    ranked = matcher.recommend(supply, k=5)
    expected = reference_top_k(reference_scores(demand, supply), 5, asks=asking(demand))
    assert_same_top_k(as_lists(ranked, "supply_id", "demand_id"), expected)


def test_pruning_never_drops_a_pair_that_common_skills_put_on_top():
    # "teamwork" is the commonest skill, so it is pruned from the first pass; the vacancy
    # that lists it alone is the best match for the worker, through it alone
    fillers = [f"filler {i}" for i in range(30)]
    demand = pd.DataFrame(
        {
            "id": range(12),
            "skills": [["teamwork"], ["rare tool", *fillers]]
            + [["teamwork", f"other {i}", f"more {i}"] for i in range(10)],
        }
    )
    worker = pd.DataFrame({"id": [1, 2], "skills": [["teamwork", "rare tool"], ["rare tool"]]})
    pruned = SkillMatcher(prune_share=0.5).fit(demand)
    assert pruned.pruned_features_[pruned.vocabulary_.get_loc("teamwork")]
    ranked = pruned.recommend(worker, k=1)
    assert list(ranked.demand_id) == [0, 1]
    plain = SkillMatcher().fit(demand).recommend(worker, k=3)
    pd.testing.assert_frame_equal(pruned.recommend(worker, k=3), plain)


@pytest.mark.parametrize("seed", range(3))
def test_candidates_match_brute_force_reference(seed):
    demand, supply = random_frames(seed)
    ranked = SkillMatcher(chunk_size=11).fit(demand).recommend_candidates(supply, k=4)
    expected = reference_top_k(reference_scores(demand, supply), 4, by_worker=False)
    assert_same_top_k(as_lists(ranked, "demand_id", "supply_id"), expected)


def test_reference_holds_without_optional_columns():
    demand, supply = random_frames(11)
    demand, supply = demand[["id", "skills"]], supply[["id", "skills"]]
    ranked = SkillMatcher(chunk_size=13).fit(demand).recommend(supply, k=3)
    full = demand.assign(
        optional_skills=[[]] * len(demand),
        occupation=None,
        region=None,
        languages=[[]] * len(demand),
    )
    workers = supply.assign(
        occupation=None,
        languages=[[]] * len(supply),
        excluded_regions=[[]] * len(supply),
        destinations=[[]] * len(supply),
    )
    expected = reference_top_k(reference_scores(full, workers), 3, asks=asking(full))
    assert_same_top_k(as_lists(ranked, "supply_id", "demand_id"), expected)


# --------------------------------------------------------------------------- behaviour
def test_hard_constraints_hold_in_every_result():
    demand, supply = random_frames(5, n_demand=60, n_supply=120)
    ranked = SkillMatcher().fit(demand).recommend(supply, k=10)
    vacancies, workers = demand.set_index("id"), supply.set_index("id")
    assert len(ranked)
    for r in ranked.itertuples():
        v, w = vacancies.loc[r.demand_id], workers.loc[r.supply_id]
        assert set(v.languages) <= set(w.languages)
        if text(v.region):
            places = {v.region, v.region.split("-")[0]}
            assert not places & set(w.excluded_regions)
            assert not w.destinations or places & set(w.destinations)


def test_constraints_apply_only_when_both_sides_carry_the_column():
    demand = pd.DataFrame(
        {"id": [1], "skills": [["welding"]], "languages": [["ko"]], "region": ["KR-11"]}
    )
    worker = pd.DataFrame(
        {"id": [9], "skills": [["welding"]], "languages": [["ru"]], "excluded_regions": [["KR"]]}
    )
    matcher = SkillMatcher().fit(demand)
    assert matcher.recommend(worker).empty
    assert matcher.recommend(worker.drop(columns="languages")).empty  # region still excludes
    assert len(matcher.recommend(worker.drop(columns=["languages", "excluded_regions"]))) == 1
    assert (
        len(SkillMatcher().fit(demand.drop(columns=["languages", "region"])).recommend(worker)) == 1
    )


def test_essential_rare_and_same_occupation_rank_higher():
    demand = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "skills": [["welding", "rare alloy"], ["welding"], ["welding"], ["welding"]],
            "optional_skills": [[], ["rare alloy"], [], []],
            "occupation": ["7212", "7212", "7212", "5120"],
        }
    )
    # the same rare skill counts more where it is essential than where it is optional
    one_reading = SkillMatcher(isco_weight=0, essential_reading=False).fit(demand)
    rare = pd.DataFrame({"id": [0], "skills": [["rare alloy"]]})
    assert list(one_reading.recommend(rare)["demand_id"]) == [1, 2]
    # read as essential skills only (the better reading here), it matches vacancy 1 alone
    matcher = SkillMatcher(isco_weight=0).fit(demand)
    score = matcher.recommend(rare)
    assert list(score["demand_id"]) == [1]
    common = matcher.recommend(pd.DataFrame({"id": [0], "skills": [["welding"]]}), k=4)
    assert common.set_index("demand_id").score[1] < score.set_index("demand_id").score[1]

    worker = pd.DataFrame({"id": [0, 1], "skills": [["welding"]] * 2, "occupation": ["7212", "51"]})
    ranked = SkillMatcher().fit(demand).recommend(worker, k=4)
    assert list(ranked[ranked.supply_id == 0].demand_id[:1]) in ([2], [3])  # same unit group
    assert list(ranked[ranked.supply_id == 1].demand_id[:1]) == [4]  # same sub-major group


def test_explanation_lists_shared_and_missing_skills():
    demand, supply = random_frames(3)
    ranked = SkillMatcher().fit(demand).recommend(supply, k=5, explain=True)
    vacancies, workers = demand.set_index("id"), supply.set_index("id")
    for r in ranked.itertuples():
        v, have = vacancies.loc[r.demand_id], set(workers.loc[r.supply_id].skills)
        listed = list(dict.fromkeys(v.skills + v.optional_skills))
        assert r.shared_skills == [s for s in listed if s in have]
        assert r.missing_skills == [s for s in dict.fromkeys(v.skills) if s not in have]
    candidates = SkillMatcher().fit(demand).recommend_candidates(supply, k=3, explain=True)
    for r in candidates.itertuples():
        assert set(r.shared_skills) == set(workers.loc[r.supply_id].skills) & set(
            vacancies.loc[r.demand_id].skills + vacancies.loc[r.demand_id].optional_skills
        )


def test_results_do_not_depend_on_row_order_or_chunk_size():
    demand, supply = random_frames(8, n_supply=90)
    ranked = SkillMatcher(chunk_size=1000).fit(demand).recommend(supply, k=6, explain=True)
    shuffled = (
        SkillMatcher(chunk_size=1)
        .fit(demand.sample(frac=1, random_state=1))
        .recommend(supply.sample(frac=1, random_state=2), k=6, explain=True)
    )
    pd.testing.assert_frame_equal(ranked, shuffled)
    for chunk in (1, 7, 1000):
        candidates = SkillMatcher(chunk_size=chunk).fit(demand).recommend_candidates(supply, k=4)
        if chunk == 1:
            first = candidates
        pd.testing.assert_frame_equal(candidates, first)


def test_progress_is_reported_per_chunk_up_to_one():
    demand, supply = random_frames(2, n_supply=50)
    seen = []
    SkillMatcher(chunk_size=20).fit(demand).recommend(supply, progress=seen.append)
    assert seen == [0.4, 0.8, 1.0]


def test_empty_supply_gives_an_empty_frame_with_the_columns():
    demand, supply = random_frames(1)
    ranked = SkillMatcher().fit(demand).recommend(supply.iloc[:0], explain=True)
    assert ranked.empty
    assert list(ranked.columns) == [
        "supply_id",
        "demand_id",
        "rank",
        "score",
        "shared_skills",
        "missing_skills",
    ]

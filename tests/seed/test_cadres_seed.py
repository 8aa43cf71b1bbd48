"""The generated cadres: one 书记 and one 校长 per school, and the patterns a bureau sees."""

from __future__ import annotations

from functools import cache

import pandas as pd

from seed.city import City, generate


@cache
def _demo() -> City:
    return generate("demo", seed=2013)


def test_every_school_has_one_secretary_one_principal_and_deputies() -> None:
    city = _demo()
    counts = city.cadres.groupby(["school_id", "position"]).size().unstack(fill_value=0)
    assert len(counts) == len(city.schools)
    assert (counts["secretary"] == 1).all() and (counts["principal"] == 1).all()
    assert counts["vice_principal"].between(1, 3).all()
    assert counts["middle"].sum() > 0


def test_the_same_seed_gives_the_same_cadres() -> None:
    again = generate("demo", seed=2013)
    for name in ("cadres", "cadre_records", "cadre_reserves", "cadre_scores"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(_demo(), name))


def test_rural_principals_are_older_and_some_pools_are_thin() -> None:
    city = _demo()
    heads = city.cadres[city.cadres["position"] == "principal"].merge(
        city.schools[["school_id", "location", "district_id"]], on="school_id"
    )
    age = city.year - heads.groupby("location")["birth_year"].mean()
    assert age["rural"] > age["urban"] + 2
    pool = city.cadre_reserves.groupby("district_id").size() / heads.groupby("district_id").size()
    assert pool.reindex(heads["district_id"].unique(), fill_value=0).min() < 0.5 * pool.max()


def test_some_training_has_lapsed_and_some_new_principals_lack_qualification() -> None:
    city = _demo()
    training = city.cadre_records[city.cadre_records["kind"] == "training"]
    hours = (
        training.groupby("cadre_id")["hours"].sum().reindex(city.cadres["cadre_id"], fill_value=0)
    )
    assert 0 < (hours < 120).mean() < 0.5
    heads = city.cadres[city.cadres["position"] == "principal"]
    assert ((heads["term"] == 1) & (heads["pretraining_hours"] == 0)).any()

"""Multi-year rotation simulation: retirements, returns, rotation, new hires, new
backbone teachers.

docs/domain.md, “Teacher rotation” and “Balance indicators”.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning import metrics, vocab
from planning.columns import TEACHERS
from planning.contracts import check
from planning.establishment import quotas, round_half_up, subject_gaps
from planning.rotation.eligibility import receivers
from planning.rotation.planner import plan
from planning.rotation.rules import RotationRules

__all__ = ["TermPastGuard", "designate", "hires", "simulate"]


class TermPastGuard(ValueError):
    """A rotation term longer than the retirement guard: a rotating teacher could
    reach retirement while away (docs/domain.md, “Teacher rotation”)."""

    def __init__(self, term_years: int, guard_years: int) -> None:
        self.term_years, self.guard_years = term_years, guard_years
        super().__init__(
            f"term_years ({term_years}) is longer than retire_guard_years ({guard_years}): "
            "a rotating teacher could reach retirement while away; shorten the term or "
            "lengthen the guard"
        )


_COLUMNS = [
    "year", "retired", "returned", "moved", "backbone_moved", "hired", "teachers",
    "shortage", "counties_primary", "counties_junior", "designated", "wish_top3",
]  # fmt: skip
_AWAY = ("seconded", "leave", "exchange_out")
_DESIGNATED_TITLES = ("senior_plus", "senior", "first")


def simulate(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    rules: RotationRules | None = None,
    *,
    year: int,
    years: int,
    curriculum: pd.DataFrame,
    hire_rate: float = 1.0,
    standard: pd.DataFrame | None = None,
    backbone_rate: float = 0.01,
    away_years: int = 1,
    wishes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Run the rotation ``years`` times (1–5), one school year after another
    (docs/domain.md, “Teacher rotation”).

    Each year, in order: teachers at or past the retirement age retire, whatever their
    status; teachers whose term (``rules.term_years``) ends go back to their home school
    (and count their years there afresh), and staff away when the simulation starts
    (seconded, on leave, on exchange) return to teaching at the school whose books
    hold them after ``away_years`` years; :func:`~planning.rotation.planner.plan`
    moves this year's teachers (each joins the receiving school that year, so is not
    eligible again while away); :func:`hires` replaces the retired where the
    establishment and a subject need a post; :func:`designate` names new backbone
    teachers at ``backbone_rate``.

    ``wishes`` (WISH_COLUMNS) go to each year's plan, which uses them when
    ``rules.use_wishes``: a teacher placed at a wished school is away for the term, and
    the wishes of a teacher who retired or is not eligible that year are set aside and
    counted by the plan, as on the page.

    ``standard`` (level, location, students_per_staff) gives the quotas hires must fit
    in (按编定额); without it only the subject need limits them. A term longer than
    ``rules.retire_guard_years`` is refused: a teacher could reach retirement away.

    Returns one row per year: year, retired, returned, moved, backbone_moved, hired,
    teachers (active), shortage (receivers' subject shortage, FTE, after the year's
    moves), counties_primary / counties_junior: the counties meeting the threshold on
    all three teacher indicators of :func:`planning.metrics.balance` (0.50 primary,
    0.45 junior), the plan's own objective, designated (new backbone teachers) and
    wish_top3 (the year's movers placed at one of their first three wishes).
    """
    rules = rules or RotationRules()
    balance_rules = metrics.BalanceRules(backbone_levels=rules.backbone_levels)
    if not 1 <= years <= 5:
        raise ValueError(f"years must be 1–5; got {years}")
    if not 0 <= hire_rate <= 2:
        raise ValueError(f"hire_rate must be in [0, 2]; got {hire_rate}")
    if not 0 <= backbone_rate <= 1:
        raise ValueError(f"backbone_rate must be in [0, 1]; got {backbone_rate}")
    if away_years < 1:
        raise ValueError(f"away_years must be a whole number of years >= 1; got {away_years}")
    if rules.term_years > rules.retire_guard_years:
        raise TermPastGuard(rules.term_years, rules.retire_guard_years)
    check(teachers, "teachers")
    state = teachers.copy()
    home = pd.Series(dtype="int64")  # teacher_id -> home school, while away
    back = pd.Series(dtype="int64")  # teacher_id -> year of return
    away = state.loc[state["status"].isin(_AWAY), "teacher_id"]
    resume = pd.Series(year + away_years, index=away.to_numpy(), dtype="int64")
    next_id = int(state["teacher_id"].max()) + 1 if len(state) else 1
    receiving = schools.loc[receivers(schools, rules), "school_id"]
    rows = []
    for y in range(year, year + years):
        age = y - state["birth_year"]
        retire_age = np.where(
            state["gender"] == "F", rules.retire_age_female, rules.retire_age_male
        )
        leaving = age >= retire_age
        gone = state[leaving]
        state = state[~leaving]
        home = home.drop(gone["teacher_id"], errors="ignore")
        back = back.drop(gone["teacher_id"], errors="ignore")
        resume = resume.drop(gone["teacher_id"], errors="ignore")
        resuming = state["teacher_id"].isin(resume[resume <= y].index)
        state.loc[resuming, "status"] = "active"
        resume = resume[resume > y]

        due = back[back <= y].index
        returning = state["teacher_id"].isin(due)
        homes = home.reindex(state.loc[returning, "teacher_id"]).to_numpy()
        state.loc[returning, "school_id"] = homes
        state.loc[returning, "school_since"] = y
        home, back = home.drop(due), back.drop(due)

        result = plan(state, schools, rules, year=y, curriculum=curriculum, wishes=wishes)
        moves = result.moves.set_index("teacher_id")
        moving = state["teacher_id"].isin(moves.index)
        state.loc[moving, "school_id"] = (
            moves["to_school"].reindex(state.loc[moving, "teacher_id"]).to_numpy()
        )
        state.loc[moving, "school_since"] = y
        home = pd.concat([home, moves["from_school"]])
        back = pd.concat([back, pd.Series(y + rules.term_years, index=moves.index)])

        books = state.assign(school_id=state["teacher_id"].map(home).fillna(state["school_id"]))
        new = hires(
            books.astype({"school_id": "int64"}),
            gone,
            schools,
            curriculum,
            rate=hire_rate,
            year=y,
            first_id=next_id,
            standard=standard,
            non_teaching=rules.non_teaching_subjects,
        )
        next_id += len(new)
        state = pd.concat([state, new], ignore_index=True)
        before = state["backbone"]
        state = designate(state, rate=backbone_rate, rules=rules)
        designated = int((state["backbone"] != before).sum())

        gaps = subject_gaps(schools, state, curriculum)
        teaching = ~gaps["subject"].isin(rules.non_teaching_subjects)
        short = gaps[teaching & gaps["school_id"].isin(receiving)]["gap"].clip(lower=0).sum()
        county = metrics.balance(schools, state, balance_rules)
        meeting = {
            level: int(county[county["level"] == level].groupby("district_id")["meets"].all().sum())
            for level in ("primary", "junior")
        }
        rows.append(
            (
                y,
                len(gone),
                len(due) + int(resuming.sum()),
                len(moves),
                int(result.moves["backbone"].sum()),
                len(new),
                int((state["status"] == "active").sum()),
                round(float(short), 3),
                meeting["primary"],
                meeting["junior"],
                designated,
                result.wishes.top3,
            )
        )
    return pd.DataFrame(rows, columns=_COLUMNS)


def hires(
    books: pd.DataFrame,
    gone: pd.DataFrame,
    schools: pd.DataFrame,
    curriculum: pd.DataFrame,
    *,
    rate: float,
    year: int,
    first_id: int,
    standard: pd.DataFrame | None = None,
    non_teaching: tuple[str, ...] = vocab.NON_TEACHING,
) -> pd.DataFrame:
    """New teachers replacing the retired ``gone`` (docs/domain.md, “Teacher
    rotation”: posts are filled by establishment and need, 按编定额、按需设岗).

    Each school may hire round-half-up(its retirements × ``rate``), **once per
    school**, but no more than its free posts (quota − staff on its ``books`` after
    the retirements, from :func:`planning.establishment.quotas` under ``standard``;
    unlimited without a standard) nor the posts its subjects lack: each hire goes to
    the subject with the largest gap (:func:`planning.establishment.subject_gaps` of
    the staff present, ties by subject name), which then needs one FTE less, while
    some subject's gap rounds half up to a post. So an over-establishment school hires
    no one, and a retiree is not replaced in a subject already fully staffed. A
    school's hires teach the section most of its retirees taught.

    ``books``: the teachers after the retirements, each at the school whose books hold
    them. Returns the new teachers (24 years old, untitled, post grade 13, not
    backbone, active; teacher_id from ``first_id``), columns of the teachers spec.
    """
    if gone.empty or rate == 0:
        return gone.iloc[0:0]
    budget = pd.Series(
        round_half_up(gone.groupby("school_id").size() * rate).astype(int),
        index=gone.groupby("school_id").size().index,
    )
    if standard is not None:
        quota = quotas(schools, books, standard).set_index("school_id")
        room = quota["gap"].clip(lower=0).reindex(budget.index, fill_value=0)
        budget = np.minimum(budget, room)
    gaps = subject_gaps(schools, books, curriculum, non_teaching=non_teaching)
    # a school's hires teach the section most of its retirees taught
    section = gone.groupby("school_id")["section"].agg(lambda v: v.mode().iloc[0])
    keys: list[tuple[int, str, str]] = []
    for school_id, n in budget.items():
        need = gaps[gaps["school_id"] == school_id].set_index("subject")["gap"].sort_index()
        for _ in range(int(n)):
            if need.empty or round_half_up(need.to_numpy()).max() < 1:
                break
            subject = str(need.idxmax())
            keys.append((int(school_id), str(section[school_id]), subject))
            need[subject] -= 1
    ids = np.arange(first_id, first_id + len(keys))
    new = pd.DataFrame(
        {
            "teacher_id": ids,
            "staff_no": [f"N{year}{i:06d}" for i in ids],
            "name": "",
            "gender": np.where(ids % 2 == 0, "F", "M"),
            "birth_year": year - 24,
            "school_id": pd.Series([k[0] for k in keys], dtype="int64"),
            "section": pd.Series([k[1] for k in keys], dtype="str"),
            "subject": pd.Series([k[2] for k in keys], dtype="str"),
            "title": "none",
            "post_grade": 13,
            "school_since": year,
            "weekly_periods": 12,
        }
    )
    new = new.assign(**{c: v for c, v in TEACHERS.defaults().items() if c not in new})
    # an optional column a new teacher leaves empty (no host school), in its own dtype
    empty = [c.name for c in TEACHERS.columns if c.nullable and c.name not in new]
    return new.assign(**{name: pd.array([pd.NA] * len(new), dtype="Int64") for name in empty})


def designate(teachers: pd.DataFrame, *, rate: float, rules: RotationRules) -> pd.DataFrame:
    """``teachers`` with this year's new backbone teachers (骨干教师) designated.

    round-half-up(``rate`` × active teachers) of the active teaching staff (subject not
    in ``rules.non_teaching_subjects``) who are not backbone yet and hold a first-grade
    title or above become county-level backbone teachers (the entry level the county
    names), highest title first, then the longest at their school, then the smaller
    ``teacher_id``. The rate is a planning assumption (docs/domain.md).

    >>> t = pd.DataFrame({"teacher_id": [1, 2, 3], "status": ["active"] * 3,
    ...     "subject": ["math"] * 3, "backbone": ["none"] * 3,
    ...     "title": ["first", "senior", "first"], "school_since": [2010, 2015, 2005]})
    >>> designate(t, rate=0.5, rules=RotationRules())["backbone"].tolist()
    ['none', 'county', 'county']
    """
    active = teachers["status"] == "active"
    n = int(round_half_up(np.array([rate * int(active.sum())]))[0])
    pool = teachers[
        active
        & (teachers["backbone"] == "none")
        & ~teachers["subject"].isin(rules.non_teaching_subjects)
        & teachers["title"].isin(_DESIGNATED_TITLES)
    ]
    if n == 0 or pool.empty:
        return teachers
    rank = pool["title"].map({t: i for i, t in enumerate(vocab.TITLES)})
    order = pool.assign(_rank=rank).sort_values(["_rank", "school_since", "teacher_id"])
    out = teachers.copy()
    out.loc[order.index[:n], "backbone"] = "county"
    return out

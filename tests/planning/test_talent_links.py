"""Stored mentoring links against the assignment (docs/domain.md, “Mentoring”), by hand."""

from __future__ import annotations

from planning.talent import link_coverage, mentoring
from tests import factories as f
from tests.planning.test_talent_mentoring import CURRICULUM, strong, weak

# Weak schools 1 and 2 lack math and chinese; school 3 holds a math and a chinese
# mentor; school 4 is outside the view.
SCHOOLS = f.schools(weak(1, 120.90), weak(2, 120.95), strong(3, 121.00))
TEACHERS = f.teachers(
    f.teacher(1, school_id=3, subject="math", backbone="city"),
    f.teacher(2, school_id=3, subject="chinese", special_grade=True),
)


def _links(*rows: dict) -> object:
    return f.frame("mentor_links", *rows)


def test_running_links_cover_their_cells_ended_ones_do_not() -> None:
    plan = mentoring(SCHOOLS, TEACHERS, CURRICULUM)
    assert (plan.needed, plan.covered_before, plan.covered_after) == (4, 0, 4)
    links = _links(
        f.mentor_link(1, teacher_id=1, school_id=1, subject="math"),
        f.mentor_link(2, teacher_id=2, school_id=2, subject="chinese", status="ended",
                      ended_year=2026),
        f.mentor_link(3, teacher_id=1, school_id=4, subject="math"),  # not in view
    )  # fmt: skip
    out = link_coverage(plan, links, SCHOOLS)
    assert out.links["link_id"].tolist() == [1, 2]
    assert (out.active, out.covered_stored, out.covered_proposed) == (1, 1, 4)
    # the proposal less the running link: what storing it adds
    assert sorted(map(tuple, out.new_pairs.values.tolist())) == [
        (1, 2, "math"), (2, 1, "chinese"), (2, 2, "chinese")
    ]  # fmt: skip


def test_a_link_by_another_mentor_still_covers_the_cell() -> None:
    plan = mentoring(SCHOOLS, TEACHERS, CURRICULUM)
    links = _links(f.mentor_link(1, teacher_id=9, school_id=2, subject="math"))
    out = link_coverage(plan, links, SCHOOLS)
    assert out.covered_stored == 1
    assert len(out.new_pairs) == 4  # the proposal names teacher 1, not 9, for that cell


def test_no_links_cover_only_what_the_schools_hold_themselves() -> None:
    teachers = f.teachers(
        *TEACHERS.to_dict("records"),
        f.teacher(3, school_id=1, subject="math", backbone="county"),
    )
    plan = mentoring(SCHOOLS, teachers, CURRICULUM)
    out = link_coverage(plan, _links(), SCHOOLS)
    assert (out.active, out.covered_stored) == (0, plan.covered_before) == (0, 1)
    assert len(out.new_pairs) == len(plan.pairs)

"""The column spec: every table's columns, declared once.

A column's name, kind, vocabulary, bounds, default and its Chinese and English
headers live here and nowhere else. The engines' input contracts
(:mod:`planning.contracts`), the database's CHECK constraints and the loaders' SQL
(``models/``), the import and export headers, the table editor and the test
factories derive from this module; what is written out by hand instead (the SQLModel
table classes, the frozen migrations) is checked against it by
``tests/test_column_spec.py``. Adding a column is: a line here, a migration, and the
code that uses it.

Tables are named as the frames are (``teachers``); ``stored`` is the database table
(``teacher``). A frame's id column (``teacher_id``) is the table's ``id``; files
leave it out and name rows by their natural key (``staff_no``), and a reference to
another table (``school_id``) travels in files as that table's code (``school_code``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from planning import vocab

__all__ = [
    "CADRES",
    "CADRE_RECORDS",
    "CADRE_RESERVES",
    "CADRE_SCORES",
    "CURRICULUM",
    "DISTRICTS",
    "MENTOR_LINKS",
    "PAY_POLICIES",
    "SCHOOLS",
    "STANDARDS",
    "TABLES",
    "TEACHERS",
    "WISHES",
    "Column",
    "Table",
    "stored",
]

Kind = Literal["int", "float", "bool", "str"]
Value = bool | int | float | str


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``kind`` is ``int``, ``float``, ``bool`` or ``str``. ``vocab`` names a vocabulary
    of :data:`planning.vocab.VOCABULARIES` (files may give its codes or labels); with
    ``closed=False`` stored values may lie outside it (a curriculum may add a subject),
    files must still name a known one. ``ge``, ``gt`` and ``le`` bound numbers (>=, >,
    <=); ``nonempty`` refuses empty text; ``length`` is the most characters text may
    hold. ``default`` fills the column when a file or a new row leaves it out; ``None``
    means a value is required. ``zh`` and ``en`` are the headers files may use: the
    first Chinese one is the Chinese header, the file name (``file``, else ``name``)
    the English one. ``ref`` names the table an id refers to (files carry that table's
    code); ``stored`` is the database column when it differs from ``name``. ``unit``
    (Chinese, English) is what a number counts, shown beside the header where people
    read and type numbers (the editor), never in a file's header. ``nullable`` lets a
    row hold no value (NULL; a blank cell in a file), for what only some rows have (a
    teacher's host school): such a column is never required.

    >>> TEACHERS["post_grade"].bounds
    '1–13'
    >>> TEACHERS["school_id"].header("zh"), TEACHERS["school_id"].header("en")
    ('学校代码', 'school_code')
    """

    name: str
    kind: Kind
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    vocab: str | None = None
    closed: bool = True
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    nonempty: bool = False
    length: int | None = None
    default: Value | None = None
    file: str | None = None
    ref: str | None = None
    stored: str | None = None
    unit: tuple[str, str] | None = None
    nullable: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        """The vocabulary's codes (empty for a column without one)."""
        return vocab.VOCABULARIES[self.vocab] if self.vocab else ()

    @property
    def column(self) -> str:
        """The database column."""
        return self.stored or self.name

    @property
    def file_name(self) -> str:
        """The column's name in import and export files (its English header)."""
        return self.file or self.name

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header a file may give this column, Chinese first."""
        return (*self.zh, self.file_name, *self.en)

    def header(self, language: str) -> str:
        """The header exports and tables show in ``language`` (``zh`` or ``en``)."""
        return self.zh[0] if language == "zh" and self.zh else self.file_name

    def header_with_unit(self, language: str) -> str:
        """The header with the number's unit, as the editor shows it.

        >>> TEACHERS["weekly_periods"].header_with_unit("zh")
        '周课时（节）'
        >>> SCHOOLS["students_primary"].header_with_unit("en")
        'students_primary (pupils)'
        >>> TEACHERS["name"].header_with_unit("zh")
        '姓名'
        """
        if not self.unit:
            return self.header(language)
        if language == "zh":
            return f"{self.header(language)}（{self.unit[0]}）"
        return f"{self.header(language)} ({self.unit[1]})"

    def name_headers(self) -> tuple[str, str] | None:
        """For a column referring to a table whose rows have names: the headers (Chinese,
        English) of the referred row's name, which exports show beside the code and
        imports ignore; None for any other column. A second reference to the same table
        (a teacher's host school) names it after its own header.

        >>> TEACHERS["school_id"].name_headers(), SCHOOLS["district_id"].name_headers()
        (('学校名称', 'school_name'), ('区县名称', 'district_name'))
        >>> TEACHERS["host_school_id"].name_headers()
        ('交流学校名称', 'host_school_name')
        """
        target = TABLES[self.ref] if self.ref else None
        if target is None or "name" not in target.names:
            return None
        if self.name != target.key:
            zh, en = self.zh[0].removesuffix("代码"), self.file_name.removesuffix("_code")
            return f"{zh}名称", f"{en}_name"
        return target["name"].zh[0], f"{target.stored}_name"

    @property
    def bounds(self) -> str | None:
        """The bounds as people read them (``>= 0``, ``> 0``, ``1–13``), or None."""
        if self.ge is not None and self.le is not None:
            return f"{self.ge:g}–{self.le:g}"
        if self.ge is not None:
            return f">= {self.ge:g}"
        if self.gt is not None:
            return f"> {self.gt:g}"
        if self.le is not None:
            return f"<= {self.le:g}"
        return None

    def within(self, values: Any) -> Any:
        """Whether a number (or each of a Series or array of them) keeps to the bounds.

        >>> TEACHERS["post_grade"].within(14), STANDARDS["students_per_staff"].within(0)
        (False, False)
        """
        ok = values == values  # True, elementwise, for anything but NaN
        if self.ge is not None:
            ok = ok & (values >= self.ge)
        if self.gt is not None:
            ok = ok & (values > self.gt)
        if self.le is not None:
            ok = ok & (values <= self.le)
        return ok


@dataclass(frozen=True)
class Table:
    """A table's columns in frame order; ``key`` is the frame's id column (the stored
    ``id``, first in the frame; None when frames leave the id out); ``unique`` the
    natural key people name a row by."""

    name: str
    stored: str
    columns: tuple[Column, ...]
    key: str | None = None
    unique: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.key and self.columns[0].name != self.key:
            key = Column(self.key, "int", stored="id")
            object.__setattr__(self, "columns", (key, *self.columns))

    def __getitem__(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def names(self) -> list[str]:
        """The frame's columns, in order."""
        return [c.name for c in self.columns]

    @property
    def file_columns(self) -> tuple[Column, ...]:
        """The columns import and export files carry: all but the id."""
        return tuple(c for c in self.columns if c.name != self.key)

    def defaults(self) -> dict[str, Value]:
        """Each column that has a default, with it.

        >>> TEACHERS.defaults()["status"]
        'active'
        """
        return {c.name: c.default for c in self.columns if c.default is not None}


def _students(level: str, zh: str) -> Column:
    return Column(
        f"students_{level}",
        "int",
        zh=(f"{zh}在校生", f"{zh}学生数"),
        ge=0,
        default=0,
        unit=("人", "pupils"),
    )


def _classes(level: str, zh: str) -> Column:
    return Column(
        f"classes_{level}", "int", zh=(f"{zh}班级数",), ge=0, default=0, unit=("个", "classes")
    )


_LEVEL_ZH = {"primary": "小学", "junior": "初中", "senior": "高中"}

_DISTRICT = (
    Column("code", "str", zh=("区县代码", "行政区划代码"), length=16),
    Column("name", "str", zh=("区县名称", "区县"), length=64),
    Column("lat", "float", zh=("纬度",), en=("latitude",), unit=("度", "degrees")),
    Column("lon", "float", zh=("经度",), en=("longitude",), unit=("度", "degrees")),
)
_SCHOOL = (
    Column("code", "str", zh=("学校代码", "学校编码"), en=("school_code",), length=32),
    Column("name", "str", zh=("学校名称", "校名"), en=("school_name",), length=128),
    Column("district_id", "int", zh=("区县代码", "县区代码", "行政区划代码"),
           file="district_code", ref="districts"),
    Column("location", "str", zh=("城乡类别", "城乡"), vocab="location", length=8),
    Column("is_weak", "bool", zh=("薄弱学校", "是否薄弱学校"), en=("weak",), default=False),
    Column("lat", "float", zh=("纬度",), en=("latitude",), default=0.0, unit=("度", "degrees")),
    Column("lon", "float", zh=("经度",), en=("longitude",), default=0.0, unit=("度", "degrees")),
    *(_students(lv, _LEVEL_ZH[lv]) for lv in vocab.LEVELS),
    *(_classes(lv, _LEVEL_ZH[lv]) for lv in vocab.LEVELS),
)  # fmt: skip
_TEACHER = (
    Column("staff_no", "str", zh=("工号", "教师编号"), en=("staff number",), length=32),
    Column("name", "str", zh=("姓名",), length=64),
    Column("gender", "str", zh=("性别",), vocab="gender", length=1),
    Column("birth_year", "int", zh=("出生年份", "出生年")),
    Column("school_id", "int", zh=("学校代码", "学校编码"), file="school_code", ref="schools"),
    Column("section", "str", zh=("任教学段", "学段"), en=("teaching_section",), vocab="level",
           length=8, default="primary"),
    Column("subject", "str", zh=("学科", "任教学科"), vocab="subject", closed=False,
           nonempty=True, length=32),
    Column("title", "str", zh=("职称",), vocab="title", length=16),
    Column("degree", "str", zh=("学历", "最高学历"), vocab="degree", length=16,
           default="bachelor"),
    Column("post_grade", "int", zh=("岗位等级",), ge=1, le=13),
    Column("school_since", "int", zh=("本校任教起始年份", "调入本校年份")),
    Column("backbone", "str", zh=("骨干层级", "骨干"), vocab="backbone", length=16,
           default="none"),
    Column("special_grade", "bool", zh=("特级教师",), default=False),
    Column("head_teacher", "bool", zh=("班主任",), default=False),
    Column("weekly_periods", "int", zh=("周课时", "周课时数"), ge=0, default=0,
           unit=("节", "periods")),
    Column("assessment", "str", zh=("年度考核", "考核结果"), vocab="assessment", length=16,
           default="pass"),
    Column("status", "str", zh=("状态", "在岗状态"), vocab="status", length=16,
           default="active"),
    # 支教: the school a teacher on exchange (status exchange_out) works at while their
    # post stays at school_id (docs/domain.md, "Teacher rotation").
    Column("host_school_id", "int", zh=("交流学校代码", "交流学校", "支教学校代码", "支教学校"),
           en=("host_school", "host school"), file="host_school_code", ref="schools",
           nullable=True),
)  # fmt: skip
_STANDARD = (
    Column("name", "str", zh=("标准名称", "编制标准"), length=64),
    Column("level", "str", zh=("学段",), vocab="level", length=8),
    Column("location", "str", zh=("城乡类别", "城乡"), vocab="location", length=8),
    Column("students_per_staff", "float", zh=("生师比",), gt=0),
)
_CURRICULUM = (
    Column("level", "str", zh=("学段",), vocab="level", length=8),
    Column("subject", "str", zh=("学科",), vocab="subject", closed=False, length=32),
    Column("periods_per_class", "float", zh=("每班周课时",), ge=0, unit=("节", "periods")),
    Column(
        "teacher_load", "float", zh=("教师周课时量", "满工作量课时"), gt=0, unit=("节", "periods")
    ),
)
_PAY_POLICY = (
    Column("name", "str", zh=("方案名称",), length=64),
    Column("params", "str", zh=("参数",)),
)

DISTRICTS = Table("districts", "district", _DISTRICT, key="district_id", unique=("code",))
SCHOOLS = Table("schools", "school", _SCHOOL, key="school_id", unique=("code",))
TEACHERS = Table("teachers", "teacher", _TEACHER, key="teacher_id", unique=("staff_no",))
STANDARDS = Table("standards", "staffing_standard", _STANDARD, unique=("name", "level", "location"))
CURRICULUM = Table("curriculum", "curriculum", _CURRICULUM, unique=("level", "subject"))
PAY_POLICIES = Table("pay_policies", "pay_policy", _PAY_POLICY, unique=("name",))

# Cadres (干部队伍, issue 17): school leaders, their growth files, the reserve pool and
# the annual assessment scores (docs/domain.md, "Cadres and training (干部培训)").
_CADRE = (
    Column("cadre_no", "str", zh=("干部编号",), en=("cadre number",), length=32),
    Column("name", "str", zh=("姓名",), length=64),
    Column("gender", "str", zh=("性别",), vocab="gender", length=1),
    Column("birth_year", "int", zh=("出生年份", "出生年")),
    Column("school_id", "int", zh=("学校代码", "学校编码"), file="school_code", ref="schools"),
    Column("position", "str", zh=("职务",), vocab="cadre_position", length=16),
    Column("appointed_year", "int", zh=("本届任职年份", "任职年份")),
    Column("term", "int", zh=("任期届数", "届数"), ge=1, default=1),
    Column("pretraining_hours", "float", zh=("任职资格培训学时", "岗前培训学时"), ge=0,
           default=0.0),
)  # fmt: skip
_CADRE_RECORD = (
    Column("cadre_id", "int", zh=("干部编号",), file="cadre_no", ref="cadres"),
    Column("year", "int", zh=("年份",)),
    Column("kind", "str", zh=("类别", "档案类别"), vocab="record_kind", length=16),
    Column("detail", "str", zh=("内容", "事项"), nonempty=True, length=128),
    Column("hours", "float", zh=("学时",), ge=0, default=0.0),
)
_CADRE_RESERVE = (
    Column("cadre_id", "int", zh=("干部编号",), file="cadre_no", ref="cadres"),
    Column("target_position", "str", zh=("拟任职务", "后备职务"), vocab="cadre_position",
           length=16),
    Column("district_id", "int", zh=("区县代码", "行政区划代码"), file="district_code",
           ref="districts"),
    Column("entered_year", "int", zh=("入库年份",)),
    Column("status", "str", zh=("状态", "后备状态"), vocab="reserve_status", length=16,
           default="pool"),
)  # fmt: skip
_CADRE_SCORE = (
    Column("cadre_id", "int", zh=("干部编号",), file="cadre_no", ref="cadres"),
    Column("year", "int", zh=("年份", "考核年度")),
    Column("results", "float", zh=("实绩量化考评",), ge=0, le=100),
    Column("satisfaction", "float", zh=("群众满意度测评", "满意度"), ge=0, le=100),
    Column("review", "float", zh=("领导评鉴",), ge=0, le=100),
)

CADRES = Table("cadres", "cadre", _CADRE, key="cadre_id", unique=("cadre_no",))
CADRE_RECORDS = Table("cadre_records", "cadre_record", _CADRE_RECORD,
                      unique=("cadre_id", "year", "kind", "detail"))  # fmt: skip
CADRE_RESERVES = Table("cadre_reserves", "cadre_reserve", _CADRE_RESERVE,
                       unique=("cadre_id", "target_position"))  # fmt: skip
CADRE_SCORES = Table("cadre_scores", "cadre_score", _CADRE_SCORE, unique=("cadre_id", "year"))

# Teachers' wishes (志愿, issue 12): up to five ranked receiving schools per teacher
# (docs/domain.md, "Teachers' wishes"); a teacher names a school once.
_WISH = (
    Column("teacher_id", "int", zh=("工号", "教师编号"), en=("staff number",), file="staff_no",
           ref="teachers"),
    Column("rank", "int", zh=("志愿序号", "志愿顺序", "第几志愿"), en=("choice",), ge=1, le=5),
    Column("school_id", "int", zh=("志愿学校代码", "志愿学校"), en=("wished_school",),
           file="school_code", ref="schools"),
)  # fmt: skip
WISHES = Table("wishes", "wish", _WISH, unique=("teacher_id", "rank"))

# Mentoring links (带教结对, issue 18): a mentor (a teacher) with a weak school in one
# subject, from the year it started until the year it ended (docs/domain.md,
# "Mentoring"). The column spec has no empty values: a running link's ``ended_year``
# is 0 and its status ``active``; ending it sets both.
_MENTOR_LINK = (
    Column("teacher_id", "int", zh=("导师工号", "工号"), en=("mentor_staff_no",),
           file="staff_no", ref="teachers"),
    Column("school_id", "int", zh=("结对学校代码", "学校代码"), file="school_code",
           ref="schools"),
    Column("subject", "str", zh=("学科", "带教学科"), vocab="subject", closed=False,
           nonempty=True, length=32),
    Column("started_year", "int", zh=("开始年份",), ge=2000),
    Column("ended_year", "int", zh=("结束年份",), ge=0, default=0),
    Column("status", "str", zh=("状态", "结对状态"), vocab="link_status", length=16,
           default="active"),
    Column("note", "str", zh=("备注",), length=256, default=""),
)  # fmt: skip
MENTOR_LINKS = Table("mentor_links", "mentor_link", _MENTOR_LINK, key="link_id",
                     unique=("teacher_id", "school_id", "subject", "started_year"))  # fmt: skip

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        DISTRICTS, SCHOOLS, TEACHERS, STANDARDS, CURRICULUM, PAY_POLICIES,
        CADRES, CADRE_RECORDS, CADRE_RESERVES, CADRE_SCORES, WISHES, MENTOR_LINKS,
    )
}  # fmt: skip


def stored(table: str) -> Table:
    """The spec of a database table, by its stored name.

    >>> stored("teacher").name
    'teachers'
    """
    for spec in TABLES.values():
        if spec.stored == table:
            return spec
    raise KeyError(f"no column spec for the table {table!r}")

"""Plain objects the rest of the build works on."""
from __future__ import annotations

from dataclasses import dataclass, field

DIFFICULTY_NAMES = {1: "基础", 2: "进阶", 3: "高级"}
ROLES = ("算法岗", "开发岗")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the bank, printed as `path:line: message (hint)`."""

    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool
    line: int


@dataclass
class Question:
    id: str
    topic: str
    path: str  # as shown in messages, e.g. content/decoding/temperature.md
    title: str
    body: str
    body_line: int  # line of the file on which `body` starts
    difficulty: int = 2
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    key_lines: dict[str, int] = field(default_factory=dict)  # front-matter key → line
    short_title: str = ""  # sidebar and previous/next label when the title is long

    @property
    def nav_title(self) -> str:
        return self.short_title or self.title

    @property
    def difficulty_name(self) -> str:
        return DIFFICULTY_NAMES[self.difficulty]

    @property
    def page_path(self) -> str:
        return f"{self.topic}/{self.id}.md"


@dataclass
class Topic:
    slug: str
    title: str
    description: str
    order: tuple[str, ...] = ()
    questions: list[Question] = field(default_factory=list)
    see_also: tuple[str, ...] = ()  # ids of questions in other topics that introduce this one

    @property
    def page_path(self) -> str:
        return f"{self.slug}/index.md"


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    abbr: str = ""
    en: str = ""
    related: tuple[str, ...] = ()
    line: int = 0


@dataclass
class Bank:
    topics: list[Topic]
    tags: dict[str, str]  # tag → English names / synonyms for search
    glossary: list[Term] = field(default_factory=list)
    # ids of question files that exist but could not be read; already reported, and links
    # to them are not reported again
    unreadable: set[str] = field(default_factory=set)

    @property
    def questions(self) -> list[Question]:
        return [q for t in self.topics for q in t.questions]

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

"""Read content/ into a Bank. Reads only; never writes into content/."""
from __future__ import annotations

from pathlib import Path

from .fields import ID_RULE, build_question
from .model import Bank, Problem, Term, Topic
from .source import SourceError, parse_yaml, read_text, split_front_matter

TOPICS_FILE = "topics.yml"
TAGS_FILE = "tags.yml"
GLOSSARY_FILE = "glossary.yml"


# Pages the site generates at the top level, and folders it writes: no topic may take these
# names. A question file cannot be named index.md: it would replace its topic's page.
RESERVED_SLUGS = {"index", "tags", "glossary", "guide", "contributing", "assets", "pdf", "print",
                  "search", "stylesheets", "javascripts", "404", "sitemap"}


def is_source_file(path: Path) -> bool:
    """Question files, not editor leftovers: Emacs lock files (.#x.md, dangling symlinks
    while a buffer is modified), hidden files and backups (x.md~)."""
    return not path.name.startswith((".", "#")) and path.suffix == ".md"


def _id_list(value, shown: str, line: int, what: str, problems: list[Problem]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        return tuple(str(v) for v in value)
    problems.append(Problem(shown, line, f"{what} must be a list of ids", f"write {what}: [a, b]"))
    return ()


def _shown(path: Path, content_dir: Path) -> str:
    return f"{content_dir.name}/{path.relative_to(content_dir).as_posix()}"


def _read_yaml(path: Path, content_dir: Path, problems: list[Problem]):
    shown = _shown(path, content_dir)
    try:
        return parse_yaml(read_text(path, shown), shown)
    except SourceError as err:
        problems.append(err.problem)
        return None, {}


def _load_topics(content_dir: Path, problems: list[Problem]) -> tuple[list[Topic], set[str]]:
    """The topics, and the slugs already reported as unusable (their folders are not reported again)."""
    path = content_dir / TOPICS_FILE
    shown = _shown(path, content_dir)
    if not path.exists():
        problems.append(Problem(shown, 0, "missing topics file", "create it with a list of slug/title/description"))
        return [], set()
    topics = []
    data, lines = _read_yaml(path, content_dir, problems)
    if data is not None and not isinstance(data, list):
        problems.append(Problem(shown, 1, "topics file must be a list of topics",
                                "write one '- slug: …' entry per topic"))
        return [], set()
    seen: set[str] = set()
    rejected: set[str] = set()
    for i, entry in enumerate(data or []):
        line = lines.get(i, 1)
        if not isinstance(entry, dict) or not entry.get("slug") or not entry.get("title"):
            problems.append(Problem(shown, line, f"topic #{i + 1} needs a slug and a title",
                                    "write '- slug: decoding' and 'title: 解码与生成控制'"))
            continue
        slug = str(entry["slug"])
        if not ID_RULE.match(slug) or slug in RESERVED_SLUGS:
            why = "is reserved by the site" if slug in RESERVED_SLUGS else "is not a valid URL folder name"
            problems.append(Problem(shown, line, f"topic slug '{slug}' {why}",
                                    "use lowercase ascii letters, digits and single hyphens, e.g. decoding"))
            rejected.add(slug)
            continue
        if slug in seen:
            problems.append(Problem(shown, line, f"topic slug '{slug}' is listed twice", "remove one entry"))
            continue
        seen.add(slug)
        order = _id_list(entry.get("questions"), shown, line, "questions", problems)
        see_also = _id_list(entry.get("see_also"), shown, line, "see_also", problems)
        topics.append(Topic(slug, str(entry["title"]), str(entry.get("description") or ""), order,
                            see_also=see_also))
    return topics, rejected


def _load_tags(content_dir: Path, problems: list[Problem]) -> dict[str, str]:
    path = content_dir / TAGS_FILE
    if not path.exists():
        return {}
    data, _ = _read_yaml(path, content_dir, problems)
    if not isinstance(data, dict):
        problems.append(Problem(_shown(path, content_dir), 1, "tags file must be a mapping",
                                "one 'tag: english names' line per tag"))
        return {}
    return {str(k): str(v or "") for k, v in data.items()}


def _load_glossary(content_dir: Path, problems: list[Problem]) -> list[Term]:
    path = content_dir / GLOSSARY_FILE
    if not path.exists():
        return []
    shown = _shown(path, content_dir)
    data, lines = _read_yaml(path, content_dir, problems)
    terms = []
    for i, entry in enumerate(data or []):
        if not isinstance(entry, dict) or not entry.get("term") or not entry.get("definition"):
            problems.append(Problem(shown, lines.get(i, 1), "glossary entry needs a term and a definition",
                                    "write '- term: 困惑度' and 'definition: …'"))
            continue
        related = _id_list(entry.get("related"), shown, lines.get(i, 1), "related", problems)
        terms.append(Term(term=str(entry["term"]), definition=str(entry["definition"]).strip(),
                          abbr=str(entry.get("abbr") or ""), en=str(entry.get("en") or ""),
                          related=related, line=lines.get(i, 1)))
    return terms


def load_bank(content_dir: Path) -> tuple[Bank, list[Problem]]:
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    topics, rejected = _load_topics(content_dir, problems)
    known = {t.slug: t for t in topics}
    unreadable: set[str] = set()
    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = sorted(p for p in folder.iterdir() if is_source_file(p))
        if folder.name not in known:
            if files and folder.name not in rejected:
                problems.append(Problem(_shown(folder, content_dir), 0, f"topic folder '{folder.name}' is not in {TOPICS_FILE}",
                                        f"add '- slug: {folder.name}' with a title to content/{TOPICS_FILE}, or move the files"))
            continue
        for path in files:
            shown = _shown(path, content_dir)
            try:
                doc = split_front_matter(read_text(path, shown), shown)
            except SourceError as err:
                problems.append(err.problem)
                unreadable.add(path.stem)
                continue
            question, found = build_question(doc, path.stem, folder.name, shown)
            problems.extend(found)
            known[folder.name].questions.append(question)
    for topic in topics:
        rank = {qid: i for i, qid in enumerate(topic.order)}
        topic.questions.sort(key=lambda q: (rank.get(q.id, len(rank)), q.difficulty, q.id))
    bank = Bank(topics, _load_tags(content_dir, problems), _load_glossary(content_dir, problems), unreadable)
    return bank, problems

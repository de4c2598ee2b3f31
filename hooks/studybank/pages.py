"""The site's generated pages, as Markdown strings keyed by their path under docs/."""
from __future__ import annotations

import html
import json

from markupsafe import Markup

from .glossary import abbreviations
from .links import Related, link_answer, link_text, relate, relative_link
from .markup import escape, split_short_answer
from .model import DIFFICULTY_NAMES, Bank, Question, Term, Topic
from .sheetanswers import ANSWER_END, ANSWER_START
from .sheets import bank_download, download_buttons

HOME, TAGS, GLOSSARY, MOCK = "index.md", "tags.md", "glossary.md", "mock.md"
HAND_WRITTEN = (("使用指南", "guide.md"), ("贡献指南", "contributing.md"))
# Search ranks pages that only list what the questions say (a topic repeats every 简答, the
# tags page every title, the glossary every term) below the questions themselves.
def front_matter(**meta) -> str:
    # Material prints the front-matter title into <title> unescaped: escape it here, once
    if "title" in meta:
        meta["title"] = html.escape(meta["title"], quote=False)
    # JSON is valid YAML and quotes every string safely
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def stars(difficulty: int) -> str:
    return "★" * difficulty + "☆" * (3 - difficulty)


def badges(q: Question) -> str:
    spans = [f'<span class="qa-badge qa-difficulty qa-difficulty-{q.difficulty}" title="难度">'
             f'{stars(q.difficulty)} {q.difficulty_name}</span>']
    spans += [f'<span class="qa-badge qa-company" title="出现过的公司">{html.escape(c)}</span>' for c in q.companies]
    spans += [f'<span class="qa-badge qa-role" title="岗位">{html.escape(r)}</span>' for r in q.roles]
    # data-qid: study.js marks progress for this question
    return f'<p class="qa-badges" data-qid="{q.id}">' + " ".join(spans) + "</p>"


def _link_list(q: Question, others: list[Question]) -> str:
    return "\n".join(f"- [{escape(o.title)}]({relative_link(q.page_path, o.page_path)})"
                     f" <small>{o.difficulty_name}</small>" for o in others)


def related_section(q: Question, related: Related) -> str:
    if not related:
        return ""
    parts = ["## 相关问题"]
    for label, group in (("延伸阅读", related.explicit), ("引用本题的问题", related.backlinks),
                         ("同标签的问题", related.shared_tags)):
        if group:
            parts.append(f"**{label}**\n\n{_link_list(q, group)}")
    return "\n\n".join(parts)


def pager(q: Question, topic: Topic) -> str:
    i = topic.questions.index(q)
    links = []
    if i > 0:
        prev = topic.questions[i - 1]
        links.append(f"[← 上一题：{escape(prev.nav_title)}]({relative_link(q.page_path, prev.page_path)})")
    links.append(f"[{escape(topic.title)}（{i + 1} / {len(topic.questions)}）]({relative_link(q.page_path, topic.page_path)})")
    if i + 1 < len(topic.questions):
        nxt = topic.questions[i + 1]
        links.append(f"[下一题：{escape(nxt.nav_title)} →]({relative_link(q.page_path, nxt.page_path)})")
    return '<div class="qa-pager" markdown>\n\n' + "\n\n".join(links) + "\n\n</div>"


# Study mode's controls on a question page are in the HTML from the build, so the scripts
# that bind them (docs/assets/javascripts/study/) move nothing when they run: the toolbar
# (its height reserved in study.css) and the hidden reveal buttons that self-test shows.
STUDY_TOOLBAR = '<div class="study-toolbar" role="region" aria-label="学习工具" data-search-exclude></div>'


# Topic pages, the home page and the tags page get their controls from the scripts, which
# build them from the reader's stored progress. The build puts an invisible stand-in of the
# same size where each group will go (data-study-placeholder, `visibility: hidden` in
# study.css), and study/page.js swaps it for the real controls in one go: the page keeps its
# layout from the first paint. The stand-ins only need to measure like the real controls
# (study/*.js): the same elements, classes and the words they start with.
def _button(label: str, cls: str = "", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<button type="button" class="study-button{" " + cls if cls else ""}" tabindex="-1"{extra}>{label}</button>'


def _select(key: str, label: str, options: list[str]) -> str:
    items = "".join(f"<option>{html.escape(o)}</option>" for o in ["全部", *options])
    return (f'<span class="study-filter"><label>{label}</label>'
            f'<select class="study-select" tabindex="-1">{items}</select></span>')


def _counted(values: list[list[str]]) -> list[str]:
    """Filter options as study/filters.js labels them: "value（questions）", most questions first
    (ties by code point, as the script orders them, so the stand-in holds the same options)."""
    counts: dict[str, int] = {}
    for group in values:
        for value in set(group):
            counts[value] = counts.get(value, 0) + 1
    return [f"{value}（{n}）" for value, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _filters(questions: list[Question]) -> str:
    difficulties = [DIFFICULTY_NAMES[d] for d in sorted({q.difficulty for q in questions})]
    parts = [_select("difficulty", "难度", difficulties)]
    for key, label, values in (("tag", "标签", [list(q.tags) for q in questions]),
                               ("company", "公司", [list(q.companies) for q in questions])):
        options = _counted(values)
        if options:
            parts.append(_select(key, label, options))
    parts.append(_select("progress", "进度", ["未掌握", "待复习", "已掌握", "未标记"]))
    parts += [_button("清除筛选", "study-clear", hidden="hidden"),
              f'<span class="study-shown">共 {len({q.id for q in questions})} 题</span>']
    return '<div class="study-filters">' + "".join(parts) + "</div>"


def _meter(total: int) -> str:
    return (f'<div class="study-progress"><span class="study-progress-text">已掌握 0 / {total}</span>'
            f'<progress class="study-progress-bar" max="{max(total, 1)}" value="0"></progress></div>')


def _due(label: str, button: str) -> str:
    return f'<span class="study-due"><span class="study-due-text">{label}待复习 0 题</span>{_button(button, "study-review-start")}</span>'


def study_placeholder(inner: str, cls: str = "") -> str:
    """A toolbar whose contents stand in for the scripts' controls (see above)."""
    return (f'<div class="study-toolbar{" " + cls if cls else ""}" role="region" aria-label="学习工具" data-search-exclude>'
            f'<div class="study-placeholder" data-study-placeholder inert aria-hidden="true">{inner}</div></div>')


def topic_toolbar(topic: Topic) -> str:
    row = (_button("隐藏答案", "study-toggle") + _due("本主题", "复习本主题") + _button("随机一题", "study-random")
           + _button("快捷键", "study-help-button") + _meter(len(topic.questions)))
    return study_placeholder(f'<div class="study-row">{row}</div>' + _filters(topic.questions))


def home_toolbar(bank: Bank) -> str:
    row = (_button("导出进度") + _button("导入进度") + _button("重置进度") + _due("今日", "开始复习")
           + _button("随机一题", "study-random") + _button("快捷键", "study-help-button"))
    return study_placeholder('<p class="study-title">学习进度</p><p class="study-note">进度和复习计划只保存在这台设备的浏览器里。'
                             '换设备或清理浏览器前，请先导出备份。</p>' + _meter(len(bank.questions))
                             + f'<div class="study-row">{row}</div>', "study-panel")


def tags_toolbar(bank: Bank) -> str:
    row = _button("随机一题", "study-random") + _button("快捷键", "study-help-button")
    return study_placeholder(f'<div class="study-row">{row}</div>' + _filters(bank.questions))


# A topic list item's 已掌握 / 待复习 buttons (study/progress.js), and the count on a home page card.
ITEM_MARKS = ('<span class="study-marks" data-study-placeholder inert aria-hidden="true">'
              + _button("已掌握", "study-mark study-mark-mastered") + _button("待复习", "study-mark study-mark-review")
              + "</span>")


def reveal_slot(part: str, label: str) -> str:
    return (f'<div class="study-reveal-slot" data-search-exclude><button type="button" '
            f'class="study-button study-reveal" data-reveal="{part}" hidden>{label}</button></div>')


def marked_answer(markdown: str) -> str:
    """Part of an answer, marked for its topic's print sheet (sheetanswers.py)."""
    return f"{ANSWER_START}\n\n{markdown}\n\n{ANSWER_END}"


def question_page(q: Question, topic: Topic, by_id: dict[str, Question], related: Related,
                  glossary: list[Term]) -> str:
    # hide the theme's footer links: the page ends with its own pager (previous / topic / next)
    parts = [front_matter(title=q.title, tags=list(q.tags), hide=["footer"]) + f"# {escape(q.title)}", badges(q),
             STUDY_TOOLBAR]
    if q.aliases:
        parts.append('!!! question "常见问法"\n\n' + "\n".join(f"    - {escape(a)}" for a in q.aliases))
    short, _, rest = link_answer(q, by_id).strip().partition("\n\n")
    if short.startswith("**简答**"):
        parts.append(reveal_slot("short", "显示简答"))
    parts.append(marked_answer(short))
    if rest:
        parts += [reveal_slot("detail", "显示详解"), marked_answer(rest)]
    parts.append(related_section(q, related))
    parts.append(pager(q, topic))
    parts.append(abbreviations(glossary, q.body))  # definitions on hover
    return "\n\n".join(p for p in parts if p) + "\n"


def question_item(q: Question, from_page: str, by_id: dict[str, Question]) -> str:
    """One entry of a topic's list: the linked title, its metadata, and its 简答 for review."""
    # attr_list reads entities in a value and writes them back escaped: escaped exactly once
    data = (f'data-qid="{q.id}" data-difficulty="{q.difficulty}" data-tags="{html.escape("|".join(q.tags))}"'
            f' data-companies="{html.escape("|".join(q.companies))}"')
    meta = " · ".join([q.difficulty_name, *map(escape, q.tags)])
    short, _ = split_short_answer(q.body)
    item = (f"1. [{escape(q.title)}]({relative_link(from_page, q.page_path)}){{ .qa-link {data} }}"
            f' <span class="qa-item-meta">{meta}{ITEM_MARKS}</span>')
    if short:
        # the 「显示简答」 button self-test shows in place of the 简答 (as on a question page)
        item += ('\n\n    <button type="button" class="study-button study-reveal" data-reveal="short" hidden>显示简答</button>'
                 "\n    { .study-reveal-slot }")
        item += f"\n\n    {link_text(short, from_page, by_id)}\n    {{ .qa-short }}"
    return item


def topic_page(topic: Topic, by_id: dict[str, Question]) -> str:
    counts = {d: sum(q.difficulty == d for q in topic.questions) for d in DIFFICULTY_NAMES}
    summary = " · ".join(f"{name} {counts[d]}" for d, name in DIFFICULTY_NAMES.items())
    items = "\n\n".join(question_item(q, topic.page_path, by_id) for q in topic.questions)
    overviews = [by_id[i] for i in topic.see_also if i in by_id]
    see_also = ("概览：" + "、".join(f"[{escape(o.title)}]({relative_link(topic.page_path, o.page_path)})"
                                   for o in overviews) + "\n\n") if overviews else ""
    return (front_matter(title=topic.title) + f"# {escape(topic.title)}\n\n{escape(topic.description)}\n\n"
            + see_also
            + f'<p class="qa-topic-summary">共 {len(topic.questions)} 题：{summary}</p>\n\n'
            f'{download_buttons(topic.slug, topic.page_path)}\n\n'
            f'{topic_toolbar(topic)}\n\n'
            f'<div class="qa-list" markdown>\n\n{items or "（本主题还没有题目。）"}\n\n</div>\n')


def problems_notice(problems: list) -> str:
    """Shown on the home page while serving a bank with problems (a strict build fails)."""
    if not problems:
        return ""
    lines = "\n".join(f"    - {escape(str(p))}" for p in problems)
    return f'!!! failure "题库有 {len(problems)} 个问题，修正后页面自动刷新"\n\n{lines}\n\n'


def home_page(bank: Bank, problems: list) -> str:
    cards = []
    for topic in bank.topics:
        cards.append(f"-   **[{escape(topic.title)}]({topic.page_path})**\n\n    ---\n\n"
                     f"    {escape(topic.description)}\n\n    <span class=\"qa-count\">{len(topic.questions)} 题</span>"
                     f' <span class="study-topic-progress" data-study-placeholder aria-hidden="true">· 已掌握 0 / {len(topic.questions)}</span>')
    total = len(bank.questions)
    # no front-matter title: the theme's <title> would repeat the site name after it
    return ("# 大模型面试题库\n\n" + problems_notice(problems) +
            f"面向算法岗与开发岗的大语言模型面试题：{len(bank.topics)} 个主题、{total} 道题。"
            "每道题先给 30 秒能说完的**简答**，再给带公式、表格和数字的**详解**，最后是面试官常问的**追问**。"
            "公式在构建时排版，页面不依赖任何外部资源。\n\n"
            + home_toolbar(bank) + "\n\n"
            '<div class="grid cards qa-topics" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>\n\n"
            "## 怎么用\n\n"
            "- 按主题顺序读，或用顶部搜索直接找题（中文、英文和混写都可以，如「KL散度」「RoPE外推」）。\n"
            "- 每题末尾的**相关问题**把前置知识和后续追问串在一起。\n"
            + (f"- [术语表]({GLOSSARY})解释常见术语和缩写。\n" if bank.glossary else "")
            + f"- [标签]({TAGS})按知识点汇总题目。\n"
            "- **学习模式**：主题页和题目页顶部的工具条可以隐藏答案自测、标记「已掌握 / 待复习」、"
            "按难度 / 标签 / 公司 / 进度筛选、随机抽一道还没掌握的题；按 <kbd>?</kbd> 查看快捷键。"
            "看过答案后按记得的程度评分（忘了 / 模糊 / 记得 / 很熟），到期的题会出现在本页的「今日待复习」里。"
            "进度只保存在本机浏览器里，可在本页「学习进度」里导出备份。\n"
            f"- [模拟面试]({MOCK})：按主题、难度或公司抽题，每题计时，结束后看用时、评分和薄弱主题。\n"
            # raw HTML: the deck is written by `make anki` after the build, so MkDocs cannot check it
            '- 用 Anki 复习：<a href="llm-interview-bank.apkg" download>下载 Anki 卡组</a>'
            "（每题一张卡片，每个主题一个子牌组；重新导入新版会更新已有卡片）。\n"
            f"- 打印复习：{bank_download(HOME)}（封面、目录和全部题目；每个主题页还有该主题的打印版和自测版）。\n"
            "- 更多说明见[使用指南](guide.md)。\n")


def mock_page() -> str:
    """The mock interview: study/mock.js fills .study-mock with its settings, later its summary."""
    return (front_matter(title="模拟面试", search={"exclude": True}) + "# 模拟面试\n\n"
            "选主题、难度（或公司）和题数，然后一题一题地作答：每题单独显示并计时，先口头或在纸上回答，"
            "再显示答案、按记得的程度评分。结束后列出每题用时、评分和最薄弱的主题；评分计入复习计划。\n\n"
            '<div class="study-mock" markdown>\n\n模拟面试需要浏览器启用 JavaScript。\n\n</div>\n')


def tags_page(bank: Bank) -> str:
    return (front_matter(title="标签") + "# 标签\n\n按知识点查看题目。\n\n" + tags_toolbar(bank)
            + "\n\n<!-- material/tags -->\n")


def glossary_page(bank: Bank) -> str:
    by_id = bank.by_id()
    rows = []
    for term in sorted(bank.glossary, key=lambda t: (t.abbr or t.term).lower()):
        english = " · ".join(x for x in (term.abbr, term.en) if x)
        links = "、".join(f"[{escape(by_id[i].title)}]({by_id[i].page_path})" for i in term.related if i in by_id)
        rows.append(f"| **{escape(term.term)}** | {escape(english)} | {escape(term.definition)} | {links} |")
    table = "| 术语 | 英文 | 释义 | 相关题目 |\n|---|---|---|---|\n" + "\n".join(rows)
    return front_matter(title="术语表") + "# 术语表\n\n答案中常见的术语与缩写。\n\n" + table + "\n"


def page_paths(bank: Bank) -> set[str]:
    """The path under docs/ of every page site_pages() makes."""
    paths = {HOME, TAGS, MOCK, *(t.page_path for t in bank.topics), *(q.page_path for q in bank.questions)}
    return (paths | {GLOSSARY}) if bank.glossary else paths


def site_pages(bank: Bank, problems: list = ()) -> dict[str, str]:
    related, by_id = relate(bank), bank.by_id()
    pages = {HOME: home_page(bank, list(problems)), TAGS: tags_page(bank), MOCK: mock_page()}
    if bank.glossary:
        pages[GLOSSARY] = glossary_page(bank)
    for topic in bank.topics:
        pages[topic.page_path] = topic_page(topic, by_id)
        for q in topic.questions:
            pages[q.page_path] = question_page(q, topic, by_id, related[q.id], bank.glossary)
    return pages


# Material gives its search dialog and its page-load progress bar an ARIA role but no name
# (axe: aria-dialog-name, aria-progressbar-name, both serious); every page names them.
THEME_LABELS = {
    '<div class="md-search" data-md-component="search" role="dialog">':
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">',
    '<div class="md-progress" data-md-component="progress" role="progressbar">':
        '<div class="md-progress" data-md-component="progress" role="progressbar" aria-label="页面加载进度">',
}


def label_theme_widgets(page_html: str) -> str:
    """A built page with Material's unnamed ARIA widgets named (see THEME_LABELS)."""
    for bare, labelled in THEME_LABELS.items():
        page_html = page_html.replace(bare, labelled, 1)
    return page_html


def nav_label(text: str) -> Markup:
    """A nav label as HTML: Material prints nav titles unescaped (sidebar, footer), and
    escapes them again where it applies `| e`, which leaves a Markup alone."""
    return Markup(html.escape(text, quote=False))


def site_nav(bank: Bank) -> list:
    nav: list = [{"首页": HOME}]
    for topic in bank.topics:
        label = nav_label(topic.title)
        nav.append({label: [{label: topic.page_path}]
                    + [{nav_label(q.nav_title): q.page_path} for q in topic.questions]})
    if bank.glossary:
        nav.append({"术语表": GLOSSARY})
    nav.append({"标签": TAGS})
    nav.append({"模拟面试": MOCK})
    nav.extend({title: path} for title, path in HAND_WRITTEN)
    return nav

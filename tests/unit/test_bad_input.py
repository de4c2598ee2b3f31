"""Every kind of bad input gets exactly one clear line: `path:line: problem (hint)`."""
import re
import shutil

import pytest

from studybank.katex import RENDERER
from studybank.load import load_bank
from studybank.validate import validate


def problems(content):
    bank, found = load_bank(content)
    return [str(p) for p in found + validate(bank, RENDERER.render)]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only_problem(content) -> str:
    found = problems(content)
    assert len(found) == 1, found
    return found[0]


def test_fixture_bank_is_clean(bank_copy):
    assert problems(bank_copy) == []


def test_malformed_yaml(bank_copy):
    edit(bank_copy / "basics/attention.md", "difficulty: 1", "difficulty: [1")
    assert re.fullmatch(r"content/basics/attention\.md:\d+: malformed YAML: .+ \(check indentation, colons and quotes\)",
                        only_problem(bank_copy))


@pytest.mark.parametrize("title", ["", '""'])
def test_missing_or_empty_title(bank_copy, title):
    edit(bank_copy / "basics/attention.md", "title: 什么是注意力机制？", f"title: {title}")
    assert only_problem(bank_copy).startswith("content/basics/attention.md:2: missing or empty title (")


def test_title_absent(bank_copy):
    edit(bank_copy / "basics/attention.md", "title: 什么是注意力机制？\n", "")
    assert only_problem(bank_copy).startswith("content/basics/attention.md:1: missing or empty title")


def test_unknown_front_matter_key_suggests_the_right_one(bank_copy):
    edit(bank_copy / "basics/attention.md", "tags:", "tag:")
    assert only_problem(bank_copy) == "content/basics/attention.md:6: unknown front-matter key 'tag' (did you mean 'tags'?)"


@pytest.mark.parametrize("value", ["4", "0", "hard"])
def test_difficulty_out_of_range(bank_copy, value):
    edit(bank_copy / "basics/attention.md", "difficulty: 1", f"difficulty: {value}")
    assert only_problem(bank_copy).startswith("content/basics/attention.md:5: difficulty must be 1, 2 or 3")


def test_duplicate_id_across_topics(bank_copy):
    (bank_copy / "math/attention.md").write_text(
        (bank_copy / "basics/attention.md").read_text(encoding="utf-8"), encoding="utf-8")
    found = problems(bank_copy)
    assert any(p.startswith("content/math/attention.md: duplicate question id 'attention'") for p in found), found
    assert all("duplicate question id" in p for p in found)


def test_unknown_related_id(bank_copy):
    edit(bank_copy / "math/softmax.md", "related: [attention]", "related: [atention]")
    assert only_problem(bank_copy) == "content/math/softmax.md:5: unknown related id 'atention' (did you mean 'attention'?)"


def test_unknown_link_id_names_the_line(bank_copy):
    edit(bank_copy / "basics/attention.md", "[[multi-head]]", "[[multi-heads]]")
    assert only_problem(bank_copy) == ("content/basics/attention.md:24: unknown question id in link [[multi-heads]]"
                                       " (did you mean 'multi-head'?)")


def test_unknown_tag(bank_copy):
    edit(bank_copy / "math/softmax.md", "tags: [softmax]", "tags: [Softmax函数]")
    assert only_problem(bank_copy).startswith("content/math/softmax.md:4: unknown tag 'Softmax函数'")


def test_id_not_matching_the_file_name_rules(bank_copy):
    (bank_copy / "basics/multi-head.md").rename(bank_copy / "basics/Multi_Head.md")
    edit(bank_copy / "basics/attention.md", "[[multi-head]]", "[[Multi_Head]]")
    edit(bank_copy / "topics.yml", "questions: [attention, multi-head]", "questions: [attention]")
    assert only_problem(bank_copy).startswith("content/basics/Multi_Head.md: file name 'Multi_Head' is not a valid question id (")


def test_topic_folder_not_in_topics_file(bank_copy):
    (bank_copy / "extra").mkdir()
    (bank_copy / "extra/x.md").write_text("---\ntitle: X\n---\n\n**简答**：x。\n", encoding="utf-8")
    assert only_problem(bank_copy).startswith("content/extra: topic folder 'extra' is not in topics.yml (")


def test_empty_answer(bank_copy):
    (bank_copy / "math/softmax.md").write_text("---\ntitle: 空\ntags: [softmax]\n---\n\n\n", encoding="utf-8")
    edit(bank_copy / "basics/attention.md", "related: [softmax]", "related: []")
    assert only_problem(bank_copy).startswith("content/math/softmax.md:5: empty answer (")


def test_answer_must_open_with_the_short_answer(bank_copy):
    edit(bank_copy / "math/softmax.md", "**简答**：", "简答：")
    assert only_problem(bank_copy).startswith("content/math/softmax.md:8: the answer must start with **简答** (")


def test_unparseable_formula_names_file_line_and_formula(bank_copy):
    edit(bank_copy / "basics/attention.md", r"\sqrt{d_k})", r"\sqrt{d_k)")
    line = only_problem(bank_copy)
    assert line.startswith(r"content/basics/attention.md:16: KaTeX cannot parse `\mathrm{softmax}(QK^\top/\sqrt{d_k)`: ")


def test_unparseable_display_formula_points_at_its_fence(bank_copy):
    edit(bank_copy / "math/softmax.md", r"\frac{e^{z_i", r"\frac{e^{z_i}}}")
    assert only_problem(bank_copy).startswith("content/math/softmax.md:12: KaTeX cannot parse `p_i=")


@pytest.mark.parametrize("math", [r"$\sqrt{d_k}$", r"$$x^2$$", r"$a_i$"])
def test_bare_dollar_math(bank_copy, math):
    edit(bank_copy / "basics/multi-head.md", "总开销与单头相当。", f"总开销 {math} 与单头相当。")
    assert only_problem(bank_copy) == ("content/basics/multi-head.md:11: bare $…$ math is not rendered"
                                       " (write inline math as $`…`$ and display math in a ```math fence)")


def test_non_utf8_file(bank_copy):
    path = bank_copy / "math/softmax.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    assert only_problem(bank_copy) == "content/math/softmax.md:2: file is not valid UTF-8 (save the file as UTF-8)"


def test_formula_in_heading(bank_copy):
    edit(bank_copy / "math/softmax.md", "## 详解", "## 详解 $`p_i`$")
    assert only_problem(bank_copy).startswith("content/math/softmax.md:10: formula in a heading (")


def test_every_problem_is_reported_in_one_run(bank_copy):
    edit(bank_copy / "basics/attention.md", "tags:", "tag:")
    edit(bank_copy / "math/softmax.md", "related: [attention]", "related: [nope]")
    edit(bank_copy / "basics/multi-head.md", "difficulty: 2", "difficulty: 9")
    assert len(problems(bank_copy)) == 3


def test_list_content_indented_by_three_spaces(bank_copy):
    edit(bank_copy / "math/softmax.md", "它用在", "1. 第一项\n   续行只缩进了三格。\n\n它用在")
    assert only_problem(bank_copy) == ("content/math/softmax.md:19: indented by fewer than 4 spaces"
                                       " (indent text, sub-lists and fences inside a list item by 4 spaces)")


@pytest.mark.parametrize("title", [r"为什么除以 √d_k？", r"为什么除以 \sqrt{d}？", "复杂度是 O(n^2) 吗？",
                                   "为什么是 $`x_{i}`$？", "为什么是 $x$？"])
def test_tex_in_title(bank_copy, title):
    edit(bank_copy / "basics/attention.md", "title: 什么是注意力机制？", f"title: '{title}'")
    assert only_problem(bank_copy) == (f"content/basics/attention.md:2: TeX markup in title '{title}'"
                                       " (titles are plain text: write √dₖ, O(n²), softmax(QKᵀ) instead of TeX)")


def test_tex_in_alias(bank_copy):
    edit(bank_copy / "basics/attention.md", "  - 注意力是怎么算的？", "  - 为什么除以√d_k?")
    assert only_problem(bank_copy).startswith("content/basics/attention.md:3: TeX markup in alias '为什么除以√d_k?' (")


@pytest.mark.parametrize("title, mark, wide", [("什么是注意力机制?", "?", "？"), ("注意力是什么,怎么算？", ",", "，")])
def test_half_width_punctuation_after_chinese_in_title(bank_copy, title, mark, wide):
    edit(bank_copy / "basics/attention.md", "title: 什么是注意力机制？", f"title: '{title}'")
    assert only_problem(bank_copy) == (f"content/basics/attention.md:2: half-width '{mark}' after Chinese in title"
                                       f" '{title}' (use the full-width '{wide}'; keep the old wording in aliases)")


def test_dollar_amounts_and_snake_case_names_are_not_tex(bank_copy):
    edit(bank_copy / "basics/attention.md", "title: 什么是注意力机制？", "title: 成本 $5 时 max_tokens 怎么设？")
    assert problems(bank_copy) == []


def test_half_width_punctuation_is_fine_after_latin_and_in_aliases(bank_copy):
    edit(bank_copy / "basics/attention.md", "title: 什么是注意力机制？", "title: 'What is attention?'")
    edit(bank_copy / "basics/attention.md", "  - 注意力是怎么算的？", "  - 注意力是怎么算的?")
    assert problems(bank_copy) == []


def test_short_title_too_long_for_the_sidebar(bank_copy):
    edit(bank_copy / "basics/attention.md", "aliases:", "short_title: 注意力机制是如何按照查询与键的相似度加权求和的\naliases:")
    assert only_problem(bank_copy).startswith("content/basics/attention.md:3: short_title '注意力机制是如何按照查询与键的"
                                              "相似度加权求和的' is too long for the sidebar (at most 14 Chinese characters")


def test_short_title_is_plain_text(bank_copy):
    edit(bank_copy / "basics/attention.md", "aliases:", "short_title: 除以 √d_k\naliases:")
    assert only_problem(bank_copy).startswith("content/basics/attention.md:3: TeX markup in short_title '除以 √d_k' (")


@pytest.mark.parametrize("slug, why", [("/tmp/escape", "is not a valid URL folder name"),
                                       ("../math", "is not a valid URL folder name"),
                                       ("glossary", "is reserved by the site"),
                                       ("assets", "is reserved by the site")])
def test_topic_slug_must_be_a_safe_url_folder(bank_copy, slug, why):
    edit(bank_copy / "topics.yml", "- slug: math", f"- slug: '{slug}'")
    edit(bank_copy / "basics/attention.md", "related: [softmax]", "related: []")
    if "/" in slug:
        shutil.rmtree(bank_copy / "math")
    else:  # the folder of the refused topic is not reported a second time
        (bank_copy / "math").rename(bank_copy / slug)
    assert only_problem(bank_copy) == (f"content/topics.yml:5: topic slug '{slug}' {why}"
                                       " (use lowercase ascii letters, digits and single hyphens, e.g. decoding)")


def test_topic_listed_twice(bank_copy):
    (bank_copy / "topics.yml").write_text((bank_copy / "topics.yml").read_text(encoding="utf-8")
                                          + "- slug: math\n  title: 又一个\n", encoding="utf-8")
    assert only_problem(bank_copy) == "content/topics.yml:8: topic slug 'math' is listed twice (remove one entry)"


def test_question_file_named_index_would_replace_the_topic_page(bank_copy):
    (bank_copy / "math/softmax.md").rename(bank_copy / "math/index.md")
    edit(bank_copy / "basics/attention.md", "related: [softmax]", "related: [index]")
    assert only_problem(bank_copy).startswith("content/math/index.md: file name 'index' is not a valid question id (")


@pytest.mark.parametrize("value", ["2.0", "true", "'2'"])
def test_difficulty_must_be_an_integer(bank_copy, value):
    edit(bank_copy / "basics/attention.md", "difficulty: 1", f"difficulty: {value}")
    assert only_problem(bank_copy).startswith("content/basics/attention.md:5: difficulty must be 1, 2 or 3")


@pytest.mark.parametrize("text, expected", [
    ("42\n", "content/topics.yml:1: topics file must be a list of topics (write one '- slug: …' entry per topic)"),
])
def test_topics_file_that_is_not_a_list(bank_copy, text, expected):
    (bank_copy / "topics.yml").write_text(text, encoding="utf-8")
    assert problems(bank_copy)[0] == expected


@pytest.mark.parametrize("value", ["5", "attention"])
def test_topic_questions_must_be_a_list(bank_copy, value):
    edit(bank_copy / "topics.yml", "questions: [attention, multi-head]", f"questions: {value}")
    assert only_problem(bank_copy) == "content/topics.yml:1: questions must be a list of ids (write questions: [a, b])"


def test_glossary_related_must_be_a_list(bank_copy):
    edit(bank_copy / "glossary.yml", "related: [attention]\n- term: 旋转", "related: 5\n- term: 旋转")
    assert only_problem(bank_copy) == "content/glossary.yml:1: related must be a list of ids (write related: [a, b])"


def test_unreadable_question_files_are_reported_not_raised(bank_copy):
    (bank_copy / "math/dangling.md").symlink_to(bank_copy / "nowhere.md")
    (bank_copy / "math/folder.md").mkdir()
    found = problems(bank_copy)
    assert sorted(found) == ["content/math/dangling.md: cannot read the file: No such file or directory"
                             " (make it a readable Markdown file or remove it)",
                             "content/math/folder.md: cannot read the file: Is a directory"
                             " (make it a readable Markdown file or remove it)"]


def test_editor_lock_and_backup_files_are_ignored(bank_copy):
    (bank_copy / "math/.#softmax.md").symlink_to("user@host.1234:1700000000")  # how Emacs locks a file
    (bank_copy / "math/softmax.md~").write_text("backup", encoding="utf-8")
    assert problems(bank_copy) == []


@pytest.mark.parametrize("title, message", [
    ('"温度\\n参数"', "line break in title"),
    ("'温度 { onmouseover=\"alert(1)\" }'", "title ends in {…}, which Markdown reads as HTML attributes"),
    ("Python 字典写法 {key}", "title ends in {…}, which Markdown reads as HTML attributes"),
])
def test_titles_that_would_not_render_as_written(bank_copy, title, message):
    edit(bank_copy / "basics/attention.md", "title: 什么是注意力机制？", f"title: {title}")
    assert only_problem(bank_copy).startswith(f"content/basics/attention.md:2: {message} (")


def test_an_enormous_formula_is_reported_on_one_short_line(bank_copy):
    edit(bank_copy / "math/softmax.md", r"\frac{e^{z_i", "{" * 50000 + r"\frac{e^{z_i")
    line = only_problem(bank_copy)
    assert line.startswith("content/math/softmax.md:12: KaTeX cannot parse `") and len(line) < 500


def test_unclosed_inline_formula(bank_copy):
    edit(bank_copy / "basics/multi-head.md", "总开销与单头相当。", "总开销 $`h \\cdot d 与单头相当。")
    assert only_problem(bank_copy) == ("content/basics/multi-head.md:11: a formula opened with $` is not closed"
                                       " on its line (end it with `$ on the same line)")


@pytest.mark.parametrize("command", ["href{javascript:alert(1)}{x}", "includegraphics{a.png}", "url{http://x}"])
def test_formula_commands_the_site_does_not_render(bank_copy, command):
    edit(bank_copy / "basics/multi-head.md", "总开销与单头相当。", f"总开销 $`\\{command}`$ 与单头相当。")
    name = command.split("{")[0]
    assert only_problem(bank_copy).startswith(f"content/basics/multi-head.md:11: \\{name} is not rendered on this site (")


def test_see_also_names_an_existing_question(bank_copy):
    edit(bank_copy / "topics.yml", "  description: 用到的数学。", "  description: 用到的数学。\n  see_also: [atention]")
    assert only_problem(bank_copy) == ("content/topics.yml: topic 'math' has see_also 'atention', no such question"
                                       " (did you mean 'attention'?)")

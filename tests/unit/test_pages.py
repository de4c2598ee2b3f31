"""The generated Markdown pages and the nav."""
from studybank.load import load_bank
from studybank.pages import page_paths, site_nav, site_pages


def pages_of(content):
    bank, _ = load_bank(content)
    return bank, site_pages(bank)


def test_every_page_is_generated(bank_copy):
    _, pages = pages_of(bank_copy)
    assert set(pages) == {"index.md", "tags.md", "glossary.md", "mock.md", "basics/index.md", "math/index.md",
                          "basics/attention.md", "basics/multi-head.md", "math/softmax.md"}


def test_page_paths_names_every_generated_page_without_making_them(bank_copy):
    # what keeps a hand-written page the bank replaces out of the search index (site_hooks.on_config)
    bank, pages = pages_of(bank_copy)
    assert page_paths(bank) == set(pages)
    bank.glossary.clear()
    assert page_paths(bank) == set(site_pages(bank))


def test_question_page_has_title_badges_aliases_answer_related_and_pager(bank_copy):
    _, pages = pages_of(bank_copy)
    page = pages["basics/attention.md"]
    assert page.startswith('---\ntitle: "什么是注意力机制？"\ntags: ["注意力机制"]\nhide: ["footer"]\n---')
    assert "# 什么是注意力机制？" in page
    assert "★☆☆ 基础" in page and ">字节<" in page and ">算法岗<" in page
    assert '!!! question "常见问法"\n\n    - 注意力是怎么算的？' in page
    assert "**简答**：注意力按查询与键的相似度" in page
    assert "## 相关问题" in page and "[softmax 如何保证数值稳定？](../math/softmax.md)" in page
    assert "[下一题：多头注意力有什么用？ →](multi-head.md)" in page
    assert "上一题" not in page  # first in its topic


def test_question_page_carries_study_controls_so_scripts_move_nothing(bank_copy):
    _, pages = pages_of(bank_copy)
    page = pages["basics/attention.md"]
    toolbar, short_button = page.index('class="study-toolbar"'), page.index('data-reveal="short" hidden>显示简答')
    short, detail_button = page.index("**简答**"), page.index('data-reveal="detail" hidden>显示详解')
    assert page.index('class="qa-badges"') < toolbar < short_button < short < detail_button < page.index("## 相关问题")


def test_topic_home_and_tags_pages_hold_the_study_controls_places(bank_copy):
    bank, pages = pages_of(bank_copy)
    topic = pages["basics/index.md"]
    # the toolbar's stand-in before the list, filled like the scripts fill it (study/page.js)
    toolbar = topic.index('class="study-toolbar"')
    assert toolbar < topic.index('class="qa-list"')
    for control in ("隐藏答案", "复习本主题", "随机一题", "快捷键", "已掌握 0 / 2", "共 2 题", "注意力机制（2）"):
        assert control in topic[toolbar:topic.index('class="qa-list"')]
    # each question: its marks, then the 「显示简答」 button self-test shows in place of its 简答
    assert topic.count('data-study-placeholder inert aria-hidden="true"><button') == 2
    assert topic.count('data-reveal="short" hidden>显示简答</button>\n    { .study-reveal-slot }\n\n    ') == 2
    home, tags = pages["index.md"], pages["tags.md"]
    assert home.index('class="study-toolbar study-panel"') < home.index('qa-topics')
    assert f"· 已掌握 0 / {len(bank.topics[0].questions)}" in home
    assert tags.index('class="study-toolbar"') < tags.index("<!-- material/tags -->")


def test_topic_page_lists_questions_in_order_with_data_for_filters(bank_copy):
    _, pages = pages_of(bank_copy)
    page = pages["basics/index.md"]
    first, second = page.index("attention.md"), page.index("multi-head.md")
    assert first < second
    assert 'data-qid="multi-head" data-difficulty="2" data-tags="注意力机制|多头注意力"' in page
    assert "共 2 题：基础 1 · 进阶 1 · 高级 0" in page


def test_home_page_has_topic_cards_with_counts(bank_copy):
    _, pages = pages_of(bank_copy)
    home = pages["index.md"]
    assert "**[基础](basics/index.md)**" in home and "2 题" in home
    assert "**[数学](math/index.md)**" in home and "1 题" in home


def test_home_page_lists_problems_while_serving(bank_copy):
    bank, _ = load_bank(bank_copy)
    assert "题库有 2 个问题" in site_pages(bank, ["a: x", "b: y"])["index.md"]
    assert "题库有" not in site_pages(bank, [])["index.md"]


def test_markdown_special_characters_in_titles_are_escaped(bank_copy):
    path = bank_copy / "math/softmax.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: softmax 如何保证数值稳定？",
                                                               "title: '*a*_b [c]'"), encoding="utf-8")
    _, pages = pages_of(bank_copy)
    assert r"# \*a\*\_b \[c\]" in pages["math/softmax.md"]


def test_nav_follows_topic_order(bank_copy):
    bank, _ = load_bank(bank_copy)
    nav = site_nav(bank)
    assert nav[0] == {"首页": "index.md"}
    assert nav[1] == {"基础": [{"基础": "basics/index.md"}, {"什么是注意力机制？": "basics/attention.md"},
                             {"多头注意力有什么用？": "basics/multi-head.md"}]}
    assert {"术语表": "glossary.md"} in nav and {"标签": "tags.md"} in nav


def test_topic_page_shows_each_short_answer_for_review(bank_copy):
    _, pages = pages_of(bank_copy)
    page = pages["math/index.md"]
    assert "    先减去最大值再取指数，结果不变且不会上溢。\n    { .qa-short }" in page
    assert "**简答**" not in page


def test_glossary_names_in_an_answer_get_hover_definitions(bank_copy):
    path = bank_copy / "basics/attention.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nLLaMA 用 RoPE 编码位置。\n", encoding="utf-8")
    _, pages = pages_of(bank_copy)
    assert ("*[RoPE]: 旋转位置编码（Rotary Position Embedding）：按位置把查询和键向量旋转一个角度的位置编码。"
            in pages["basics/attention.md"])
    assert "*[RoPE]" not in pages["math/softmax.md"]  # the name does not occur there
    assert "*[Attention]" not in pages["basics/attention.md"]  # one capital: an everyday word, no tooltip


def test_theme_widgets_get_accessible_names():
    from studybank.pages import label_theme_widgets

    page = ('<div class="md-search" data-md-component="search" role="dialog">'
            '<div class="md-progress" data-md-component="progress" role="progressbar">')
    labelled = label_theme_widgets(page)
    assert 'role="dialog" aria-label="搜索"' in labelled
    assert 'role="progressbar" aria-label="页面加载进度"' in labelled


def test_short_title_labels_the_sidebar_and_pager_while_the_page_keeps_its_title(bank_copy):
    path = bank_copy / "basics/attention.md"
    path.write_text(path.read_text(encoding="utf-8").replace("aliases:", "short_title: 注意力\naliases:"),
                    encoding="utf-8")
    bank, pages = pages_of(bank_copy)
    assert site_nav(bank)[1]["基础"][1] == {"注意力": "basics/attention.md"}
    assert "[← 上一题：注意力](attention.md)" in pages["basics/multi-head.md"]
    assert "# 什么是注意力机制？" in pages["basics/attention.md"]


def test_topic_page_links_the_overview_it_names_in_see_also(bank_copy):
    topics = bank_copy / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "  see_also: [attention]\n", encoding="utf-8")
    _, pages = pages_of(bank_copy)
    assert "概览：[什么是注意力机制？](../basics/attention.md)" in pages["math/index.md"]
    assert "概览" not in pages["basics/index.md"]

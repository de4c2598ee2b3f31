"""Titles, topic names and companies that look like HTML or Markdown are shown exactly as
written, everywhere they appear, and never run as markup."""
import html
import json
import re
import shutil
from html.parser import HTMLParser

import pytest

from support import FIXTURE_BANK, build_site
from sitecheck import search_entries

TITLE = "为什么生成到 <eos> 就停止？成本 $5 & <script>alert(1)</script> *不是斜体* [x] ==x== ~z~ a=b"
TOPIC = "基础 <b>不加粗</b>"
COMPANY = 'A"B <i>c</i>'
DESCRIPTION = '=== "不是标签页"'  # first on a line, pymdownx.tabbed would open a tab


class Texts(HTMLParser):
    """The visible text of chosen elements, as a browser shows it (entities decoded)."""

    def __init__(self, selector):
        super().__init__(convert_charrefs=True)
        self.selector, self.depth, self.found, self.scripts = selector, 0, [], 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script" and not dict(attrs).get("src") and "alert" in self.rawdata
        if self.depth:
            self.depth += 1
        elif self.selector(tag, dict(attrs)):
            self.depth, self.found = 1, self.found + [""]

    def handle_endtag(self, tag):
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


def texts(page, selector):
    parser = Texts(selector)
    parser.feed(page)
    return [" ".join(t.replace("¶", "").split()) for t in parser.found]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("hostile")
    content = project / "content"
    shutil.copytree(FIXTURE_BANK / "content", content)
    attention = content / "basics/attention.md"
    text = attention.read_text(encoding="utf-8")
    text = text.replace("title: 什么是注意力机制？", "title: " + json.dumps(TITLE, ensure_ascii=False))
    text = text.replace("companies: [字节]", "companies: [" + json.dumps(COMPANY, ensure_ascii=False) + "]")
    attention.write_text(text, encoding="utf-8")
    topics = content / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("title: 基础", "title: '" + TOPIC + "'")
                      .replace("description: 注意力的基础。", "description: '" + DESCRIPTION + "'"), encoding="utf-8")
    result = build_site(project, content)
    assert result.returncode == 0, result.stderr
    return project / "site"


def page(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_no_title_runs_as_a_script_anywhere(site):
    for path in site.rglob("*.html"):
        assert "<script>alert(1)</script>" not in path.read_text(encoding="utf-8"), path
        assert "<b>不加粗</b>" not in path.read_text(encoding="utf-8"), path


def test_the_heading_and_the_browser_tab_show_the_title_as_written(site):
    question = page(site, "basics/attention/index.html")
    assert texts(question, lambda tag, a: tag == "h1") == [TITLE]
    assert texts(question, lambda tag, a: tag == "title") == [f"{TITLE} - 大模型面试题库"]


def test_the_sidebar_and_the_footer_show_the_title_as_written(site):
    sidebar = texts(page(site, "basics/multi-head/index.html"),
                    lambda tag, a: tag == "a" and "md-nav__link" in a.get("class", ""))
    assert TITLE in sidebar and TOPIC in sidebar
    footer = texts(page(site, "basics/multi-head/index.html"),
                   lambda tag, a: tag == "div" and a.get("class") == "md-ellipsis")
    assert TITLE in footer


def test_a_topic_description_that_looks_like_markdown_is_text(site):
    topic = page(site, "basics/index.html")
    assert DESCRIPTION in texts(topic, lambda tag, a: tag == "p")
    assert "tabbed-set" not in topic
    assert DESCRIPTION in texts(page(site, "index.html"), lambda tag, a: tag == "p")  # the home page's card


def test_links_to_the_question_show_its_title_as_written(site):
    multi_head = page(site, "basics/multi-head/index.html")
    links = texts(multi_head, lambda tag, a: tag == "a" and a.get("href", "").endswith("attention/"))
    assert TITLE in links  # the [[attention]] link in the answer and the pager
    topic = page(site, "basics/index.html")
    assert TITLE in texts(topic, lambda tag, a: tag == "a" and "qa-link" in a.get("class", ""))


def test_companies_are_text_in_badges_and_intact_in_filter_data(site):
    question = page(site, "basics/attention/index.html")
    assert COMPANY in texts(question, lambda tag, a: "qa-company" in a.get("class", ""))
    topic = page(site, "basics/index.html")
    attrs = re.search(r'<a [^>]*data-qid="attention"[^>]*>', topic).group(0)
    assert html.unescape(re.search(r'data-companies="([^"]*)"', attrs).group(1)) == COMPANY


def test_search_shows_the_title_as_written(site):
    assert search_entries(site)["basics/attention/"]["title"] == TITLE


def test_the_study_list_carries_the_title_as_data(site):
    text = page(site, "assets/bank.js")
    bank = json.loads(text[text.index("=") + 1:text.rindex(";")])
    assert TITLE in [q["title"] for q in bank["questions"]]

"""What a rebuild in the same process reuses (studybank/memo.py, pagecache.py) and what not."""
import logging
from types import SimpleNamespace

from studybank import pagecache, search
from studybank.memo import Memo, digest


def test_digest_keeps_parts_apart():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("ab", "c") == digest("ab", "c")


def test_memo_makes_once_and_forgets_what_a_build_did_not_use():
    memo, made = Memo(), []

    def make(value):
        return lambda: made.append(value) or value

    assert memo.get("a", make("A")) == "A" and memo.get("a", make("again")) == "A"
    memo.get("b", make("B"))
    memo.next_build()
    assert memo.get("a", make("A2")) == "A"  # reused by the next build
    memo.next_build()
    memo.next_build()
    assert memo.get("a", make("A3")) == "A"  # a build that used nothing takes nothing away
    assert memo.get("b", make("B2")) == "B2"  # unused by the build before: made again
    assert made == ["A", "B", "B2"]


class FakeFile:  # hashable, as MkDocs' File is: links_to_anchors is keyed by File
    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri


def fake_page(markdown: str, src_uri: str = "basics/q.md"):
    return SimpleNamespace(file=FakeFile(src_uri), markdown=markdown, content=None, toc=None,
                           _title_from_render=None, present_anchor_ids=None, links_to_anchors=None)


def test_an_unchanged_page_takes_the_last_builds_html_and_warnings(caplog):
    target = FakeFile("basics/other.md")
    calls = []

    def convert(page):
        def run():
            calls.append(page.markdown)
            logging.getLogger("mkdocs.structure.pages").warning("link to a missing page")
            page.content, page.toc, page._title_from_render = f"<p>{page.markdown}</p>", ["toc"], "T"
            page.present_anchor_ids, page.links_to_anchors = {"a"}, {target: {"x": "other.md#x"}}
        return run

    key = pagecache.site_key("site_name: x", "['toc']", True, [("basics/q.md", "basics/q/")])
    first = fake_page("hello")
    pagecache.render(first, key, convert(first), {"basics/other.md": target}.get)
    caplog.clear()
    again = fake_page("hello")
    pagecache.render(again, key, convert(again), {"basics/other.md": target}.get)
    assert calls == ["hello"]
    assert (again.content, again.toc, again._title_from_render) == ("<p>hello</p>", ["toc"], "T")
    assert again.present_anchor_ids == {"a"} and again.links_to_anchors == {target: {"x": "other.md#x"}}
    assert [r.getMessage() for r in caplog.records] == ["link to a missing page"]  # reported again

    edited = fake_page("hello!")
    pagecache.render(edited, key, convert(edited), {}.get)
    moved = fake_page("hello")  # same Markdown, but the site's files changed
    pagecache.render(moved, pagecache.site_key("site_name: x", "['toc']", True, []), convert(moved), {}.get)
    assert calls == ["hello", "hello!", "hello"]


def test_words_join_jiebas_dictionary_once():
    search.add_to_jieba(["测试专用新词"])
    jieba = search.jieba_with_words()  # given to jieba when a text is first cut
    frequency, key = jieba.dt.FREQ["测试专用新词"], search.DICTIONARY_KEY
    search.add_to_jieba(["测试专用新词"])  # every rebuild adds the bank's words again
    assert search.jieba_with_words().dt.FREQ["测试专用新词"] == frequency and search.DICTIONARY_KEY == key


def test_templates_are_compiled_once_and_again_when_edited():
    from jinja2 import DictLoader, Environment

    from studybank.jinjacache import InMemory

    cache, sources, compiled = InMemory(), {"t.html": "a{{ x }}"}, []

    def environment() -> Environment:  # MkDocs makes a new one for every build
        env = Environment(loader=DictLoader(sources), bytecode_cache=cache)
        compile_ = env.compile
        env.compile = lambda *args, **kwargs: compiled.append(args[1]) or compile_(*args, **kwargs)
        return env

    assert environment().get_template("t.html").render(x=1) == "a1"
    assert environment().get_template("t.html").render(x=2) == "a2"
    assert compiled == ["t.html"]
    sources["t.html"] = "b{{ x }}"
    assert environment().get_template("t.html").render(x=3) == "b3"
    assert compiled == ["t.html", "t.html"]


def test_a_pages_templated_html_is_kept_only_while_what_its_template_reads_is_unchanged():
    from studybank import templatecache

    def page(url, meta=None, markdown="", content="<p>x</p>"):
        return SimpleNamespace(url=url, title=url, meta=dict(meta or {}), markdown=markdown, content=content,
                               toc=[], file=FakeFile(url + ".md"))

    def nav(title="A"):
        return [SimpleNamespace(title=title, url="a/", children=None)]

    def key(pages, nav_items, templates=(("main.html", b"x"),)):
        shared = templatecache.shared_key("site", nav_items, pages, list(templates))
        return templatecache.page_key(shared, pages[0])

    base = key([page("a/"), page("guide/")], nav())
    assert key([page("a/"), page("guide/")], nav()) == base
    changed = {
        "its content": key([page("a/", content="<p>y</p>"), page("guide/")], nav()),
        "a nav title": key([page("a/"), page("guide/")], nav("B")),
        "another page's subtitle (the nav shows it)": key([page("a/"), page("guide/", {"subtitle": "s"})], nav()),
        "another page listing the tags": key([page("a/"), page("guide/", markdown="<!-- material/tags -->")], nav()),
        "a template under overrides/": key([page("a/"), page("guide/")], nav(), (("main.html", b"y"),)),
    }
    assert [what for what, k in changed.items() if k == base] == []

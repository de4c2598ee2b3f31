"""Study mode moves nothing while a page loads: a question page's toolbar and reveal buttons
are in the HTML from the build, topic, home and tags pages have invisible stand-ins of their
controls there (studybank.pages), and the self-test switch is applied in <head> before the
first paint. A PerformanceObserver counts every layout shift, with self-test off and on, at desktop and
phone widths. The page is opened once before measuring, so KaTeX's web fonts come from the
cache (no page.route() here: routing turns Playwright's HTTP cache off). The shift a first
visit's font swap causes is measured by Lighthouse (`make bench`)."""
import pytest

from e2e import FORMULA_PAGE, tab
from studypage import READY

TOPIC_PAGE = "transformer-attention/"

RECORD_SHIFTS = """
window.__layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__layoutShifts.push({value: entry.value, moved: entry.sources.map((s) =>
      s.node && s.node.nodeType === 1 ? s.node.outerHTML.slice(0, 80) : String(s.node && s.node.nodeName))});
  }
}).observe({type: "layout-shift", buffered: true});
"""


def shifts_while_loading(browser, url: str, width: int, self_test: bool, check=None) -> list:
    """The layout shifts of a second visit to `url` (the first one sets self-test and caches fonts)."""
    with tab(browser, viewport={"width": width, "height": 850}) as page:
        page.goto(url)
        page.wait_for_selector(READY, state="attached")
        page.wait_for_load_state("networkidle")
        if self_test:
            page.keyboard.press("h")  # the switch, as a reader sets it
            assert page.evaluate("document.documentElement.classList.contains('study-selftest')")
        page.add_init_script(RECORD_SHIFTS)
        page.goto(url)  # not reload(), which revalidates the cached fonts
        page.wait_for_selector(READY, state="attached")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # a shift is reported after the frame it happened in
        if check:
            check(page)
        assert page.locator("[data-study-placeholder]").count() == 0  # the scripts took over
        return page.evaluate("window.__layoutShifts")


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("self_test", [False, True], ids=["answers-shown", "self-test"])
def test_a_question_page_does_not_shift_while_it_loads(browser, site_url, self_test, width):
    def check(page):
        short = page.locator("article p:has(> strong:text-is('简答'))")
        assert short.is_visible() != self_test
        assert page.get_by_role("button", name="显示简答").is_visible() == self_test
    assert shifts_while_loading(browser, site_url + FORMULA_PAGE, width, self_test, check) == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("self_test", [False, True], ids=["answers-shown", "self-test"])
def test_a_topic_page_does_not_shift_while_it_loads(browser, site_url, self_test, width):
    def check(page):
        first = page.locator(".qa-list li").first
        assert first.locator(".qa-short").is_visible() != self_test
        assert first.get_by_role("button", name="显示简答").is_visible() == self_test
        assert first.get_by_role("button", name="已掌握").is_visible()
        assert page.get_by_role("button", name="随机一题").is_visible()
        assert page.locator("#study-filter-difficulty").is_visible()
    assert shifts_while_loading(browser, site_url + TOPIC_PAGE, width, self_test, check) == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["", "tags/"], ids=["home", "tags"])
def test_the_home_and_tags_pages_do_not_shift_while_they_load(browser, site_url, path, width):
    def check(page):
        assert page.get_by_role("button", name="随机一题").is_visible()
    assert shifts_while_loading(browser, site_url + path, width, False, check) == []

"""Study mode moves nothing while a question page loads: its toolbar and reveal buttons are in
the HTML from the build, and the self-test switch is applied in <head> before the first paint.
A PerformanceObserver counts every layout shift, with self-test off and on, at desktop and
phone widths. The page is opened once before measuring, so KaTeX's web fonts come from the
cache (no page.route() here: routing turns Playwright's HTTP cache off). The shift a first
visit's font swap causes is measured by Lighthouse (`make bench`)."""
import pytest

from e2e import FORMULA_PAGE, tab
from studypage import READY

RECORD_SHIFTS = """
window.__layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__layoutShifts.push({value: entry.value, moved: entry.sources.map((s) =>
      s.node && s.node.nodeType === 1 ? s.node.outerHTML.slice(0, 80) : String(s.node && s.node.nodeName))});
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("self_test", [False, True], ids=["answers-shown", "self-test"])
def test_a_question_page_does_not_shift_while_it_loads(browser, site_url, self_test, width):
    with tab(browser, viewport={"width": width, "height": 850}) as page:
        page.goto(site_url + FORMULA_PAGE)
        page.wait_for_selector(READY, state="attached")
        page.wait_for_load_state("networkidle")
        if self_test:
            page.keyboard.press("h")  # the switch, as a reader sets it
            assert page.evaluate("document.documentElement.classList.contains('study-selftest')")
        page.add_init_script(RECORD_SHIFTS)
        page.goto(site_url + FORMULA_PAGE)  # not reload(), which revalidates the cached fonts
        page.wait_for_selector(READY, state="attached")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # a shift is reported after the frame it happened in
        short = page.locator("article p:has(> strong:text-is('简答'))")
        assert short.is_visible() != self_test
        assert page.get_by_role("button", name="显示简答").is_visible() == self_test
        assert page.evaluate("window.__layoutShifts") == []

"""Question pages on a phone (375×812) and in the dark palette: no sideways scrolling, and the
navigation drawer opens."""
from __future__ import annotations

import re

import pytest

from e2e import FORMULA_PAGE, artifact, bank, question_url, tab, without_search_index

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}

# Tries to scroll the page sideways; reports how far it went and what sticks out past the
# viewport (outside the boxes that scroll on their own: tables, code, long formulas). The walk
# skips the inside of boxes that scroll or clip, and of formulas, whose parts stay inside the
# formula's own box: a page of a few hundred formulas is measured in milliseconds, not seconds.
SIDEWAYS = """() => {
  window.scrollTo(10000, window.scrollY);
  const scrolled = window.scrollX;
  window.scrollTo(0, window.scrollY);
  const out = [];
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "");
  const walk = parent => {
    for (const el of parent.children) {
      if (el.getBoundingClientRect().right > innerWidth + 1) out.push(name(el));
      if (!el.classList.contains("katex") && getComputedStyle(el).overflowX === "visible") walk(el);
    }
  };
  walk(document.querySelector(".md-content"));
  return { scrolled, width: document.documentElement.scrollWidth, viewport: innerWidth, out: out.slice(0, 8) };
}"""


def sideways(page) -> dict:
    found = page.evaluate(SIDEWAYS)
    return found if found["scrolled"] or found["width"] > found["viewport"] or found["out"] else {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_question_pages_fit_a_phone(browser, site_url, scheme):
    # Every question in the light palette, as HTML and CSS: widths come from tables, code and
    # formulas, which are made at build time, and a page loads several times faster without the
    # theme's scripts. In the dark palette, with the scripts (the study toolbar, Material's own
    # widgets), the formula page and the longest answers.
    questions = [q.id for q in bank().questions]
    scripts = scheme == "dark"
    if scripts:
        longest = sorted(bank().questions, key=lambda q: len(q.body), reverse=True)[:3]
        questions = [FORMULA_PAGE.strip("/").split("/")[-1]] + [q.id for q in longest]
    wide = {}
    with tab(browser, color_scheme=scheme, java_script_enabled=scripts, **PHONE) as page:
        if scripts:
            without_search_index(page)
        for qid in questions:
            page.goto(site_url + question_url(qid))
            if found := sideways(page):
                wide[qid] = found
        page.goto(site_url + FORMULA_PAGE)
        if scripts:
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.screenshot(path=artifact(f"phone-{scheme}.png"))
    assert not wide, wide


def test_dark_palette_is_dark_on_a_desktop(browser, site_url):
    with tab(browser, color_scheme="dark") as page:
        page.goto(site_url + FORMULA_PAGE)
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        red, green, blue = (int(x) for x in re.findall(r"\d+", background)[:3])
        assert red + green + blue < 3 * 80, background
        assert not sideways(page)


def test_navigation_drawer_opens_on_a_phone(browser, site_url):
    with tab(browser, **PHONE) as page:
        page.goto(site_url + FORMULA_PAGE)
        drawer = page.locator(".md-sidebar--primary")
        assert drawer.evaluate("el => el.getBoundingClientRect().right") <= 0  # off screen, closed
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        page.wait_for_timeout(400)  # the slide-in transition
        assert page.locator("#__drawer").is_checked()
        topics = page.locator(".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item")
        first_topic = bank().topics[0].title
        assert page.locator(".md-sidebar--primary").get_by_text(first_topic, exact=True).first.is_visible()
        assert topics.count() >= len(bank().topics)
        page.screenshot(path=artifact("phone-drawer.png"))

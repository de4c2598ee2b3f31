"""Every page on a 360 px phone and question pages in the dark palette: no sideways scrolling,
every box that scrolls sideways shows that it does, no line starts with the punctuation after a
formula, and the navigation drawer opens."""
from __future__ import annotations

import re

import pytest

from e2e import FORMULA_PAGE, artifact, bank, html_pages, question_url, tab

# the narrowest phone in common use; 390 px phones have more room
PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}

# Tries to scroll the page sideways; reports how far it went, what sticks out past the
# viewport (outside the boxes that scroll on their own: tables, code, long formulas), and which
# of those boxes hold more than they show without a sign of it: the edge shadows of bank.css,
# two backgrounds that stay put under two that scroll with the content. The walk skips the
# inside of boxes that scroll or clip, and of formulas, whose parts stay inside the formula's
# own box: a page of a few hundred formulas is measured in milliseconds, not seconds.
SIDEWAYS = """() => {
  window.scrollTo(10000, window.scrollY);
  const scrolled = window.scrollX;
  window.scrollTo(0, window.scrollY);
  const out = [], silent = [];
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "");
  const showsScrolling = style => style.backgroundImage.split("radial-gradient").length === 3
    && style.backgroundAttachment.split(",").slice(0, 4).map(a => a.trim()).join() === "local,local,scroll,scroll";
  const walk = parent => {
    for (const el of parent.children) {
      if (el.getBoundingClientRect().right > innerWidth + 1) out.push(name(el));
      const style = getComputedStyle(el);
      if (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && !showsScrolling(style)) silent.push(name(el));
      if (!el.classList.contains("katex") && style.overflowX === "visible") walk(el);
    }
  };
  walk(document.querySelector(".md-content"));
  return { scrolled, width: document.documentElement.scrollWidth, viewport: innerWidth,
           out: out.slice(0, 8), silent: silent.slice(0, 8) };
}"""


# An inline formula and the punctuation after it (span.qa-nowrap, studybank.katex): the
# formula's TeX and the punctuation, for each pair where the punctuation went to a line below
# the formula's last box.
PUNCTUATION_STARTING_A_LINE = """() => [...document.querySelectorAll('.qa-nowrap')].filter(pair => {
  const formula = pair.querySelector('.katex-html'), text = pair.lastChild;
  if (!formula || !text || text.nodeType !== Node.TEXT_NODE) return false;
  const range = document.createRange();
  range.setStart(text, 0);
  range.setEnd(text, 1);
  const mark = range.getBoundingClientRect(), boxes = formula.getClientRects(), last = boxes[boxes.length - 1];
  return mark.top > last.bottom - 1 && mark.left < last.left;  // a line further down, back at its start
}).map(pair => pair.querySelector('bank-tex').textContent + pair.lastChild.data)"""


def sideways(page, width: int | None = None) -> dict:
    """What is too wide; `width`: the phone's, which a mobile browser widens to fit a wider page."""
    found = page.evaluate(SIDEWAYS)
    too_wide = found["width"] > found["viewport"] or (width and found["viewport"] > width)
    return found if found["scrolled"] or too_wide or found["out"] or found["silent"] else {}


def phone_pages(site) -> list[str]:
    """Every page a reader opens: not the print pages behind the PDFs."""
    return [p for p in html_pages(site) if not p.startswith(("print/", "assets/"))]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_fit_a_phone_and_show_what_scrolls(browser, real_site, site_url, scheme):
    # Every page in the light palette, as HTML and CSS: widths come from tables, code and
    # formulas, which are made at build time, and a page loads several times faster without the
    # theme's scripts. In the dark palette, with the scripts (the study toolbar, Material's own
    # widgets, which wrap tables in a box of their own), the formula page and the longest answers.
    pages = phone_pages(real_site)
    scripts = scheme == "dark"
    if scripts:
        longest = sorted(bank().questions, key=lambda q: len(q.body), reverse=True)[:3]
        pages = [FORMULA_PAGE] + [question_url(q.id) for q in longest]
    wide, punctuation = {}, {}
    with tab(browser, color_scheme=scheme, java_script_enabled=scripts, **PHONE) as page:
        for url in pages:
            page.goto(site_url + url)
            if found := sideways(page, PHONE["viewport"]["width"]):
                wide[url] = found
            if starting := page.evaluate(PUNCTUATION_STARTING_A_LINE):
                punctuation[url] = starting[:3]
        page.goto(site_url + FORMULA_PAGE)
        if scripts:
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.locator(".katex-display").first.scroll_into_view_if_needed()
        page.screenshot(path=artifact(f"phone-{scheme}.png"))
    assert len(pages) > len(bank().questions) or scripts
    assert not wide, wide
    assert not punctuation, punctuation


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

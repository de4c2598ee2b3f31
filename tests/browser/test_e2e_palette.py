"""The light/dark toggle: it follows the system until the reader chooses, the choice is kept from
page to page, the keyboard works it, and a page that loads restyles nothing once its content has
begun: the palette is settled in the header, as the page starts, and so are the stylesheets'
addresses, which Material's instant navigation would otherwise rewrite at the end of the page,
restyling all of it."""
from __future__ import annotations

from e2e import FORMULA_PAGE, tab

# the toggle shown leads to the other palette: the label for the dark option's radio, or the light's
TO_DARK, TO_LIGHT = "__palette_1", "__palette_0"

# Records every change to the palette (the body's data-md-color-* attributes, the meta tags'
# content) and whether the article had been parsed when it happened.
WATCH = """new MutationObserver(records => {
  window.__paletteChanges = (window.__paletteChanges || []).concat(records.map(r =>
    [r.target.tagName + "." + r.attributeName, !!document.querySelector("article")]));
}).observe(document, {subtree: true, attributes: true, attributeFilter:
  ["data-md-color-scheme", "data-md-color-primary", "data-md-color-accent", "data-md-color-media",
   "data-md-color-switching", "content"]});"""


def scheme(page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def visible_toggle(page):
    toggles = page.locator("[data-bank-palette] label:visible")
    assert toggles.count() == 1
    return toggles.first


def test_palette_follows_the_system_until_the_reader_chooses(browser, site_url):
    for system, expected, toggle in (("light", "default", TO_DARK), ("dark", "slate", TO_LIGHT)):
        with tab(browser, color_scheme=system) as page:
            page.goto(site_url + FORMULA_PAGE)
            assert scheme(page) == expected
            assert visible_toggle(page).get_attribute("for") == toggle
            assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == (
                "dark" if expected == "slate" else "light")
            assert page.evaluate("document.querySelector('meta[name=theme-color]').content").startswith("#")


def test_the_readers_choice_is_kept_and_the_keyboard_works_the_toggle(browser, site_url):
    with tab(browser, color_scheme="light") as page:
        page.goto(site_url + FORMULA_PAGE)
        visible_toggle(page).click()
        assert scheme(page) == "slate"
        assert visible_toggle(page).get_attribute("for") == TO_LIGHT
        assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
        page.goto(site_url)  # a new page load, not instant navigation: the choice comes from storage
        assert scheme(page) == "slate"
        page.locator("[data-bank-palette] input:checked").focus()
        page.keyboard.press("Enter")
        assert scheme(page) == "default"
        page.reload()
        assert scheme(page) == "default"
        assert visible_toggle(page).get_attribute("for") == TO_DARK


def changes_while_loading(page, url: str, watch: str, recorded: str) -> list:
    """What the script `watch` recorded in window[recorded] while `url` loaded."""
    page.add_init_script(watch)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)  # Material's components mount after load
    return page.evaluate(f"window.{recorded} || []")


def test_a_loading_page_changes_no_palette_after_its_content_begins(browser, site_url):
    for system in ("light", "dark"):
        with tab(browser, color_scheme=system) as page:
            changes = changes_while_loading(page, site_url + FORMULA_PAGE, WATCH, "__paletteChanges")
            assert changes, "the palette was never applied"
            assert [change for change, article_parsed in changes if article_parsed] == []


# Records every change to a stylesheet link's address, and whether the article had been parsed.
WATCH_STYLESHEETS = """new MutationObserver(records => {
  window.__sheetChanges = (window.__sheetChanges || []).concat(records
    .filter(r => r.target.matches("link[rel=stylesheet]"))
    .map(r => [r.target.getAttribute("href"), !!document.querySelector("article")]));
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["href"]});"""


def test_a_loading_page_changes_no_stylesheet_after_its_content_begins(browser, site_url):
    with tab(browser) as page:
        changes = changes_while_loading(page, site_url + FORMULA_PAGE, WATCH_STYLESHEETS, "__sheetChanges")
        assert changes, "the stylesheets' addresses were never made absolute"
        assert [href for href, article_parsed in changes if article_parsed] == []
        styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        assert styled == "sticky"  # the sheets still apply

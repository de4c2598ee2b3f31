"""Self-test: answers hidden behind their titles, revealed 简答 first, then 详解; shortcuts."""
import re

from playwright.sync_api import expect

from studypage import SHORT, bank, enable_instant_navigation, open_study, page_errors, url_of

QUESTION = ("ml-math", "softmax")
# counts keydown listeners added to the document or window, to see none are added per page
COUNT_KEY_LISTENERS = """
window.__keyListeners = 0;
const add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, ...rest) {
  if (type === "keydown" && (this === document || this === window)) window.__keyListeners += 1;
  return add.call(this, type, ...rest);
};
"""  # a model answer: 简答, 详解 with display formulas, 追问


def question_url(site_url):
    return url_of(site_url, bank().question(QUESTION[1]))


def test_question_page_hides_the_answer_then_reveals_short_then_detail(page, site_url):
    errors = page_errors(page)
    open_study(page, question_url(site_url))
    short, detail = page.locator(SHORT), page.locator("article h2#详解")
    formula, related = page.locator("article .katex-display").first, page.locator("article h2#相关问题")
    expect(short).to_be_visible()
    expect(formula).to_be_visible()

    page.get_by_role("button", name="隐藏答案").click()
    expect(page.locator("article h1")).to_be_visible()
    for hidden in (short, detail, formula):
        expect(hidden).to_be_hidden()
    expect(related).to_be_visible()  # links to other questions are not the answer
    expect(page.get_by_role("button", name="显示详解")).to_be_hidden()  # 简答 comes first

    page.get_by_role("button", name="显示简答").click()
    expect(short).to_be_visible()
    expect(detail).to_be_hidden()
    expect(page.get_by_role("button", name="显示详解")).to_be_focused()

    page.get_by_role("button", name="显示详解").click()
    expect(detail).to_be_visible()
    expect(formula).to_be_visible()

    page.get_by_role("button", name="显示答案").click()  # switch self-test off
    expect(page.get_by_role("button", name="隐藏答案")).to_be_visible()
    assert errors == []


def test_keys_h_and_a_and_mode_survives_a_reload(page, site_url):
    open_study(page, question_url(site_url))
    short, detail = page.locator(SHORT), page.locator("article h2#详解")
    page.keyboard.press("h")
    expect(short).to_be_hidden()
    page.reload()
    page.wait_for_selector("article[data-study-ready]", state="attached")
    expect(short).to_be_hidden()  # the switch is remembered
    page.keyboard.press("a")
    expect(short).to_be_visible()
    expect(detail).to_be_hidden()
    page.keyboard.press("a")
    expect(detail).to_be_visible()
    page.keyboard.press("h")
    expect(page.get_by_role("button", name="隐藏答案")).to_be_visible()


def test_typing_in_search_is_not_a_shortcut(page, site_url):
    open_study(page, question_url(site_url))
    page.locator("input.md-search__input").fill("h")
    page.keyboard.press("h")
    expect(page.get_by_role("button", name="隐藏答案")).to_be_visible()


def test_instant_navigation_keeps_one_toolbar_and_one_key_handler(page, site_url):
    topic = bank().topics[0]
    first = topic.questions[0]
    enable_instant_navigation(page, site_url)
    page.add_init_script(COUNT_KEY_LISTENERS)
    open_study(page, f"{site_url}{topic.slug}/")
    listeners = page.evaluate("window.__keyListeners")
    page.get_by_role("button", name="隐藏答案").click()
    page.evaluate("window.__samePage = true")  # gone if a page switch reloads the document
    for step in range(5):  # topic → question → topic → question → topic → question
        if step % 2 == 0:
            page.locator("a.qa-link").first.click()
            page.wait_for_url(f"**/{topic.slug}/{first.id}/")
            page.wait_for_selector(f"{SHORT}.study-concealed", state="attached")
        else:
            page.go_back()
            page.wait_for_selector(".qa-list .study-reveal:visible")
    assert page.evaluate("window.__samePage") is True, "Material's instant navigation did not run"
    assert page.evaluate("window.__keyListeners") == listeners
    expect(page.locator(".study-toolbar")).to_have_count(1)
    expect(page.locator(".study-toolbar .study-mark")).to_have_count(2)
    page.keyboard.press("h")  # with a handler per page visited (6, an even number) it would stay hidden
    expect(page.locator(SHORT)).to_be_visible()
    expect(page.get_by_role("button", name="隐藏答案")).to_be_visible()


def test_topic_page_hides_each_short_answer_and_j_k_a_walk_the_list(page, site_url):
    topic = max(bank().topics, key=lambda t: len(t.questions))
    open_study(page, f"{site_url}{topic.slug}/")
    shorts = page.locator(".qa-list .qa-short")
    expect(shorts.first).to_be_visible()
    page.keyboard.press("h")
    assert shorts.evaluate_all("ps => ps.filter(p => p.offsetParent !== null).length") == 0
    items = page.locator(".qa-list li")
    page.keyboard.press("j")
    expect(items.nth(0)).to_have_class(re.compile("study-current"))
    expect(items.nth(0).locator("a.qa-link")).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(shorts.nth(1)).to_be_visible()
    expect(shorts.nth(0)).to_be_hidden()
    page.keyboard.press("k")
    expect(items.nth(0).locator("a.qa-link")).to_be_focused()
    items.nth(2).get_by_role("button", name="显示简答").click()
    expect(shorts.nth(2)).to_be_visible()


def test_help_popover_lists_the_shortcuts(page, site_url):
    open_study(page, question_url(site_url))
    dialog = page.get_by_role("dialog", name="键盘快捷键")
    expect(dialog).to_be_hidden()
    page.keyboard.press("?")
    expect(dialog).to_be_visible()
    for key in ("h", "j", "k", "m", "g"):
        expect(dialog.locator("kbd", has_text=key).first).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    opener = page.get_by_role("button", name="快捷键")
    opener.click()
    expect(dialog).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "true")
    page.locator("article h1").click()  # a click elsewhere closes it
    expect(dialog).to_be_hidden()


def test_a_table_of_contents_link_into_a_hidden_answer_reveals_it(page, site_url):
    open_study(page, question_url(site_url))
    page.keyboard.press("h")
    followup = page.locator("article h2#追问")
    expect(followup).to_be_hidden()
    page.locator(".md-sidebar--secondary").get_by_role("link", name="追问", exact=True).click()
    expect(followup).to_be_visible()
    expect(followup).to_be_in_viewport()


def test_keys_j_and_k_on_a_question_page_go_to_the_next_and_previous_question(page, site_url):
    topic = next(t for t in bank().topics if len(t.questions) >= 3)
    before, q, after = topic.questions[:3]
    open_study(page, url_of(site_url, q))
    page.keyboard.press("j")
    page.wait_for_url(url_of(site_url, after))
    page.wait_for_selector("article[data-study-ready]", state="attached")
    page.keyboard.press("k")
    page.wait_for_url(url_of(site_url, q))
    page.wait_for_selector("article[data-study-ready]", state="attached")
    page.keyboard.press("k")
    page.wait_for_url(url_of(site_url, before))

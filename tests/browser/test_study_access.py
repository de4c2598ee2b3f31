"""Study controls are readable and usable: contrast (light and dark palette), names, a 375 px phone."""
import pytest
from playwright.sync_api import expect

from studypage import ROOT, bank, open_study, url_of

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STUDY_PARTS = [".study-toolbar", ".study-marks", ".study-reveal", ".study-rate", ".study-mock"]


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""(parts) => axe.run({include: parts.map(p => [p])},
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})""",
                           [p for p in STUDY_PARTS if page.locator(p).count()])
    return [f"{v['id']}: {n['target']} {n['failureSummary']}" for v in result["violations"] for n in v["nodes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_topic_page_controls_pass_axe_in_both_palettes(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", color_scheme=scheme)
    page = context.new_page()
    try:
        topic = max(bank().topics, key=lambda t: len(t.questions))
        open_study(page, f"{site_url}{topic.slug}/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
        page.get_by_role("button", name="隐藏答案").click()  # self-test on: filled switch, reveal buttons
        rows = page.locator(".qa-list li")
        rows.nth(0).get_by_role("button", name="已掌握").click()  # pressed states are coloured
        rows.nth(1).get_by_role("button", name="待复习").click()
        assert axe_violations(page) == []
    finally:
        context.close()


def test_question_page_controls_pass_axe_in_the_dark_palette(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", color_scheme="dark")
    page = context.new_page()
    try:
        open_study(page, url_of(site_url, bank().questions[0]))
        page.get_by_role("button", name="隐藏答案").click()
        page.locator(".study-toolbar").get_by_role("button", name="已掌握").click()
        page.get_by_role("button", name="快捷键").click()
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_review_and_mock_interview_pass_axe(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", color_scheme=scheme)
    page = context.new_page()
    try:
        open_study(page, site_url)  # 今日待复习, 开始复习 (disabled: nothing due)
        assert axe_violations(page) == []
        open_study(page, f"{site_url}mock/")  # the settings form
        assert axe_violations(page) == []
        page.get_by_role("button", name="开始面试").click()
        page.wait_for_selector(".study-mock-bar")
        page.get_by_role("button", name="显示简答").click()  # timer, ratings
        page.get_by_role("group", name="评分：记得多少？").get_by_role("button", name="记得").click()
        assert axe_violations(page) == []
        page.get_by_role("button", name="结束面试").click()
        page.wait_for_selector(".study-mock table")  # the summary
        assert axe_violations(page) == []
    finally:
        context.close()


def test_fits_a_375px_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        topic = max(bank().topics, key=lambda t: len(t.questions))
        for url in (f"{site_url}{topic.slug}/", url_of(site_url, topic.questions[0]), site_url, f"{site_url}tags/"):
            open_study(page, url)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
            toolbar = page.locator(".study-toolbar").bounding_box()
            assert toolbar["x"] >= 0 and toolbar["x"] + toolbar["width"] <= 375, url
            for control in page.locator(".study-toolbar button:visible, .study-toolbar select:visible").all():
                box = control.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] >= 24, url
        # a phone has no keyboard to use shortcuts with: no button for them
        expect(page.locator(".study-toolbar .study-help-button")).to_be_hidden()
    finally:
        context.close()


def test_every_study_control_is_a_named_button_or_labelled_select(page, site_url):
    topic = max(bank().topics, key=lambda t: len(t.questions))
    open_study(page, f"{site_url}{topic.slug}/")
    unnamed = page.evaluate("""() => [...document.querySelectorAll('.study-toolbar *, .study-marks *, .study-reveal')]
        .filter(e => e.matches('button, select, [role=button], a'))
        .filter(e => e.tagName === 'BUTTON' ? !e.textContent.trim() : e.tagName === 'SELECT' ? !e.labels.length : true)
        .map(e => e.outerHTML)""")
    assert unnamed == []
    expect(page.locator(".study-toolbar [role=button], .study-marks [role=button]")).to_have_count(0)

"""Spaced review: a rating after the answer schedules the question (ts-fsrs); once the clock
reaches that day it is due, counted on the home page and its topic, and 开始复习 walks the
due questions one by one in self-test mode. The browser's clock is Playwright's, fixed."""
import datetime
import json

from playwright.sync_api import expect

from e2e import artifact
from studypage import bank, open_study, page_errors, url_of

START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.timezone.utc)


def two_questions():
    topic = min((t for t in bank().topics if len(t.questions) >= 3), key=lambda t: len(t.questions))
    return topic, topic.questions[0], topic.questions[1]


def rate(page, label):
    page.get_by_role("button", name="显示简答").click()
    page.get_by_role("group", name="评分：记得多少？").get_by_role("button", name=label).click()


def schedule(page):
    return page.evaluate("""() => JSON.parse(localStorage.getItem(
        Object.keys(localStorage).find(k => k.endsWith(':schedule')) || 'none') || '{}')""")


def test_ratings_appear_only_after_the_answer_is_revealed_in_self_test(page, site_url):
    _, q, _ = two_questions()
    open_study(page, url_of(site_url, q))
    ratings = page.get_by_role("group", name="评分：记得多少？")
    expect(ratings).to_be_hidden()  # answers shown: nothing to rate yet
    page.keyboard.press("h")
    expect(ratings).to_be_hidden()
    page.keyboard.press("3")  # no rating before the answer was seen
    assert schedule(page) == {}
    page.keyboard.press("a")
    expect(ratings).to_be_visible()
    page.keyboard.press("4")
    expect(ratings.get_by_role("button", name="很熟")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".study-status")).to_contain_text("已评「很熟」：下次复习在")
    assert list(schedule(page)) == [q.id]


def test_a_rated_question_comes_due_and_the_review_run_counts_down(page, site_url):
    errors = page_errors(page)
    page.clock.install(time=START)
    topic, first, second = two_questions()
    for q, label in ((first, "很熟"), (second, "记得")):
        open_study(page, url_of(site_url, q))
        if q is first:
            page.keyboard.press("h")  # self-test on (remembered for the second page)
        rate(page, label)
    due_on = {id_: datetime.datetime.fromisoformat(card["due"].replace("Z", "+00:00")) for id_, card in schedule(page).items()}
    assert due_on[first.id] - START >= datetime.timedelta(days=1)  # 很熟: days away

    open_study(page, site_url)
    due = page.locator(".study-due-text")
    expect(due).to_have_text("今日待复习 0 题")
    expect(page.get_by_role("button", name="开始复习")).to_be_disabled()

    page.clock.set_system_time(max(due_on.values()) + datetime.timedelta(minutes=1))
    open_study(page, site_url)
    expect(due).to_have_text("今日待复习 2 题")
    open_study(page, f"{site_url}{topic.slug}/")
    expect(page.locator(".study-due-text")).to_have_text("本主题待复习 2 题")

    open_study(page, site_url)
    page.get_by_role("button", name="开始复习").click()
    run = page.get_by_role("group", name="复习")
    for left in (2, 1):
        page.wait_for_selector("article[data-study-ready]", state="attached")
        expect(run).to_contain_text(f"还剩 {left} 题")
        expect(page.locator("article p:has(> strong:text-is('简答'))")).to_be_hidden()  # self-test in the run
        if left == 2:
            page.screenshot(path=str(artifact("study-review-queue.png")))
        page.keyboard.press("a")
        page.keyboard.press("3")
        if left == 2:
            expect(run.get_by_role("button", name="下一题")).to_be_focused()
            page.keyboard.press("Enter")
    expect(run).to_contain_text("本轮复习完成")
    open_study(page, site_url)
    expect(due).to_have_text("今日待复习 0 题")
    assert errors == []


def test_export_carries_the_schedule_and_reset_clears_it(page, site_url, tmp_path):
    _, q, _ = two_questions()
    open_study(page, url_of(site_url, q))
    page.keyboard.press("h")
    rate(page, "模糊")
    card = schedule(page)[q.id]
    open_study(page, site_url)
    with page.expect_download() as download:
        page.get_by_role("button", name="导出进度").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["schedule"] == {q.id: card}

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="重置进度").click()
    assert schedule(page) == {}
    page.locator("input.study-file").set_input_files(str(exported))
    expect(page.locator(".study-status")).to_have_text("已导入 1 题的进度")
    assert schedule(page) == {q.id: card}

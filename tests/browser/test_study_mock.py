"""Mock interview: choose a topic and three questions; each is shown alone with a timer and its
answer hidden; reveal, rate, next; the summary lists time per question, ratings and the
weakest topics, and the ratings are in the review schedule. The clock is Playwright's."""
import datetime

from playwright.sync_api import expect

from e2e import artifact
from studypage import bank, open_study, page_errors, url_of

START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.timezone.utc)


def test_a_three_question_mock_interview_end_to_end(page, site_url):
    errors = page_errors(page)
    page.clock.install(time=START)
    page.clock.pause_at(START)  # the clock moves only when the test moves it
    topic = min((t for t in bank().topics if len(t.questions) >= 3), key=lambda t: len(t.questions))
    in_topic = {url_of(site_url, q): q for q in topic.questions}
    open_study(page, f"{site_url}mock/")
    page.get_by_role("checkbox", name=topic.title).check()
    page.get_by_label("题数").fill("3")
    page.get_by_role("button", name="开始面试").click()

    seen = []
    ratings = ["忘了", "记得", "模糊"]
    for number, label in enumerate(ratings, start=1):
        page.wait_for_url(lambda url: url.split("#")[0] in in_topic)
        page.wait_for_selector("article[data-study-ready]", state="attached")
        seen.append(in_topic[page.url.split("#")[0]])
        bar = page.get_by_role("group", name="模拟面试")
        expect(bar).to_contain_text(f"第 {number} / 3 题")
        expect(page.locator("article p:has(> strong:text-is('简答'))")).to_be_hidden()
        expect(page.locator(".md-sidebar--primary")).to_be_hidden()  # the question alone
        page.clock.run_for(number * 30_000)  # 30 s, 60 s, 90 s before the answer is revealed
        expect(bar.get_by_role("timer")).to_have_text(f"用时 {number // 2}:{(number * 30) % 60:02d}")
        page.get_by_role("button", name="显示简答").click()
        page.clock.run_for(20_000)  # reading the answer is not answering time
        page.get_by_role("group", name="评分：记得多少？").get_by_role("button", name=label).click()
        bar.get_by_role("button", name="查看总结" if number == 3 else "下一题").click()

    page.wait_for_url(f"{site_url}mock/")
    summary = page.locator(".study-mock")
    expect(summary.get_by_role("heading", name="面试总结")).to_be_visible()
    rows = summary.locator("tbody tr")
    expect(rows).to_have_count(3)
    for i, (q, label) in enumerate(zip(seen, ratings)):
        expect(rows.nth(i).get_by_role("link")).to_have_text(q.title)
        expect(rows.nth(i).locator(".study-mock-time")).to_have_text(["0:30", "1:00", "1:30"][i])
        expect(rows.nth(i).locator(".study-mock-rating")).to_have_text(label)
    weakest = summary.locator(".study-mock-weak a")
    expect(weakest).to_have_text([topic.title])
    expect(weakest).to_have_attribute("href", f"{site_url}{topic.slug}/")
    page.screenshot(path=str(artifact("study-mock-summary.png")), full_page=True)
    scheduled = page.evaluate("""() => Object.keys(JSON.parse(localStorage.getItem(
        Object.keys(localStorage).find(k => k.endsWith(':schedule')))))""")
    assert sorted(scheduled) == sorted(q.id for q in seen)
    assert errors == []


def test_mock_interview_fits_a_390px_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_study(page, f"{site_url}mock/")
        page.get_by_role("button", name="开始面试").click()
        page.wait_for_selector(".study-mock-bar")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(artifact("study-mock-question-390px.png")))
        page.get_by_role("button", name="显示简答").click()
        expect(page.get_by_role("group", name="评分：记得多少？")).to_be_visible()
        page.screenshot(path=str(artifact("study-mock-rating-390px.png")))
    finally:
        context.close()

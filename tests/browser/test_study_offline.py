"""Study mode from the site opened straight from disk (the offline zip): no server, file://
addresses, where fetch() of a JSON file is refused. The question list and the scheduler
load as scripts, so counts, mock interviews and ratings all work."""
from playwright.sync_api import expect

from studypage import READY, bank, page_errors


def test_study_mode_works_from_file_urls(page, real_site):
    errors = page_errors(page)
    root = real_site.as_uri() + "/"
    page.goto(root + "index.html")
    page.wait_for_selector(READY, state="attached")
    expect(page.locator(".study-topic-progress")).to_have_count(len(bank().topics))
    expect(page.locator(".study-due-text")).to_have_text("今日待复习 0 题")

    page.goto(root + "mock/index.html")
    page.wait_for_selector(READY, state="attached")
    expect(page.locator(".study-mock input[name=topic]")).to_have_count(len(bank().topics))

    q = bank().questions[0]
    page.goto(f"{root}{q.topic}/{q.id}/index.html")
    page.wait_for_selector(READY, state="attached")
    page.keyboard.press("h")
    page.keyboard.press("a")
    page.keyboard.press("2")
    expect(page.locator(".study-status")).to_contain_text("已评「模糊」：下次复习在")
    assert errors == []

"""随机一题: jumps to a question not yet mastered, within the topic or filter it was pressed in."""
import re

from playwright.sync_api import expect

from studypage import bank, open_study, url_of


def test_random_in_a_topic_skips_mastered_questions(page, site_url):
    topic = min((t for t in bank().topics if len(t.questions) >= 3), key=lambda t: len(t.questions))
    *done, left = topic.questions
    open_study(page, f"{site_url}{topic.slug}/")
    for q in done:
        page.locator(f".qa-list li:has(a[data-qid='{q.id}'])").get_by_role("button", name="已掌握").click()
    page.get_by_role("button", name="随机一题").click()
    page.wait_for_url(url_of(site_url, left))
    page.wait_for_selector("article[data-study-ready]", state="attached")
    # every other question of this topic is mastered: nowhere left to go
    page.keyboard.press("g")
    expect(page.locator(".study-status")).to_have_text(f"「{topic.title}」中没有未掌握的题了")
    assert page.url == url_of(site_url, left)


def test_random_keeps_to_the_filter_it_started_from(page, site_url):
    topic = max(bank().topics, key=lambda t: len(t.questions))
    difficulty = max((1, 2, 3), key=lambda d: sum(q.difficulty == d for q in topic.questions))
    allowed = {url_of(site_url, q) for q in topic.questions if q.difficulty == difficulty}
    assert len(allowed) >= 3
    open_study(page, f"{site_url}{topic.slug}/?difficulty={difficulty}")
    page.get_by_role("button", name="随机一题").click()
    seen = []
    for _ in range(4):  # then again from the question pages: still within the same filter
        page.wait_for_url(lambda url: url != (seen[-1] if seen else None) and "?" not in url and url.endswith("/")
                          and url.count("/") >= 5)
        page.wait_for_selector("article[data-study-ready]", state="attached")
        seen.append(page.url)
        assert page.url in allowed, page.url
        page.get_by_role("button", name="随机一题").click()


def test_random_from_the_home_page_opens_a_question(page, site_url):
    urls = {url_of(site_url, q) for q in bank().questions}
    open_study(page, site_url)
    page.get_by_role("button", name="随机一题").click()
    page.wait_for_url(re.compile(r"/[^/]+/[^/]+/$"))
    assert page.url in urls

"""Filters on topic pages and the tags page: difficulty, tag, company, progress; kept in the URL."""
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from studypage import bank, open_study, topic_with_variety, visible_ids


def filters(page):
    return page.get_by_role("group", name="筛选题目")


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def test_topic_filters_show_matching_questions_and_live_in_the_url(page, site_url):
    topic, difficulty, tag, company = topic_with_variety()
    everything = [q.id for q in topic.questions]
    open_study(page, f"{site_url}{topic.slug}/")
    assert visible_ids(page) == everything

    filters(page).get_by_label("难度", exact=True).select_option(str(difficulty))
    assert visible_ids(page) == [q.id for q in topic.questions if q.difficulty == difficulty]
    assert query(page) == {"difficulty": str(difficulty)}
    expect(page.locator(".study-shown")).to_have_text(f"显示 {len(visible_ids(page))} / {len(everything)} 题")

    filters(page).get_by_label("难度", exact=True).select_option("")
    filters(page).get_by_label("标签", exact=True).select_option(tag)
    assert visible_ids(page) == [q.id for q in topic.questions if tag in q.tags]
    assert query(page) == {"tag": tag}
    if company:
        filters(page).get_by_label("公司", exact=True).select_option(company)
        assert visible_ids(page) == [q.id for q in topic.questions if tag in q.tags and company in q.companies]
        assert query(page) == {"tag": tag, "company": company}

    page.get_by_role("button", name="清除筛选").click()
    assert visible_ids(page) == everything
    assert query(page) == {}


def test_a_shared_filter_url_opens_filtered(page, site_url):
    topic, difficulty, tag, _ = topic_with_variety()
    expected = [q.id for q in topic.questions if q.difficulty == difficulty and tag in q.tags]
    open_study(page, f"{site_url}{topic.slug}/?difficulty={difficulty}&tag={tag}")
    expect(filters(page).get_by_label("难度", exact=True)).to_have_value(str(difficulty))
    expect(filters(page).get_by_label("标签", exact=True)).to_have_value(tag)
    assert visible_ids(page) == expected
    # an unknown value (a renamed tag, a typo) filters nothing instead of hiding everything
    open_study(page, f"{site_url}{topic.slug}/?tag=no-such-tag")
    assert len(visible_ids(page)) == len(topic.questions)


def test_progress_filter_follows_the_marks(page, site_url):
    topic, *_ = topic_with_variety()
    first, second = topic.questions[0].id, topic.questions[1].id
    open_study(page, f"{site_url}{topic.slug}/")
    page.locator(f".qa-list li:has(a[data-qid='{first}'])").get_by_role("button", name="已掌握").click()
    page.locator(f".qa-list li:has(a[data-qid='{second}'])").get_by_role("button", name="待复习").click()
    progress = filters(page).get_by_label("进度", exact=True)
    progress.select_option("mastered")
    assert visible_ids(page) == [first]
    progress.select_option("review")
    assert visible_ids(page) == [second]
    progress.select_option("unmastered")
    assert first not in visible_ids(page) and len(visible_ids(page)) == len(topic.questions) - 1
    progress.select_option("unmarked")
    assert visible_ids(page) == [q.id for q in topic.questions if q.id not in (first, second)]
    assert query(page) == {"progress": "unmarked"}


def test_tags_page_filters_by_company_and_tag(page, site_url):
    questions = [q for q in bank().questions if q.tags]
    company = max({c for q in questions for c in q.companies}, key=lambda c: sum(c in q.companies for q in questions))
    open_study(page, f"{site_url}tags/?company={company}")
    expect(page.locator(".study-filters")).to_be_visible()
    expect(filters(page).get_by_label("公司", exact=True)).to_have_value(company)
    shown = page.locator("article h2[id^='tag:']:visible + ul li:visible a").evaluate_all("as => as.map(a => a.href)")
    by_url = {site_url + q.topic + "/" + q.id + "/": q for q in questions}
    assert shown and all(company in by_url[url].companies for url in shown)
    assert {by_url[url].id for url in shown} == {q.id for q in questions if company in q.companies}
    hidden_lists = page.locator("article h2[id^='tag:'] + ul:not(:visible)").count()
    assert hidden_lists > 0  # tags none of whose questions match disappear

    tag = questions[0].tags[0]
    filters(page).get_by_label("公司", exact=True).select_option("")
    filters(page).get_by_label("标签", exact=True).select_option(tag)
    expect(page.locator("article h2[id^='tag:']:visible")).to_have_count(1)
    expect(page.locator(".md-sidebar--secondary li:visible")).to_have_count(1)  # the table of contents follows
    expected = sum(tag in q.tags for q in questions)
    expect(filters(page).get_by_label("标签", exact=True).locator("option:checked")).to_have_text(f"{tag}（{expected}）")
    shown = page.locator("article h2[id^='tag:']:visible + ul li:visible a").evaluate_all("as => as.map(a => a.href)")
    assert sorted(by_url[url].id for url in shown) == sorted(q.id for q in questions if tag in q.tags)
    assert query(page) == {"tag": tag}


def test_filters_take_the_places_of_their_stand_ins_option_for_option(page, site_url):
    # the build's invisible stand-in holds the filter bar's place until the script fills it;
    # the same options in the same order measure the same, so nothing moves when it does
    topic, *_ = topic_with_variety()
    for path in (f"{topic.slug}/", "tags/"):
        html = page.request.get(site_url + path).text()
        stand_in = re.search(r"data-study-placeholder.*?<label>标签</label><select[^>]*>(.*?)</select>", html, re.S)
        built = [unescape(text) for text in re.findall(r"<option>(.*?)</option>", stand_in.group(1))]
        open_study(page, site_url + path)
        shown = filters(page).get_by_label("标签", exact=True).locator("option").all_text_contents()
        assert shown == built, path
        assert len(set(shown)) > 3

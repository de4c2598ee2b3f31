"""Progress: 已掌握 / 待复习 marks kept in the browser, counted on topic pages and the home page,
exported to and imported from a JSON file, and reset."""
import json

from playwright.sync_api import expect

from studypage import bank, open_study, page_errors, url_of


def smallest_topic():
    return min((t for t in bank().topics if len(t.questions) >= 3), key=lambda t: len(t.questions))


def item(page, qid):
    return page.locator(f".qa-list li:has(a.qa-link[data-qid='{qid}'])")


def test_a_mark_on_a_question_page_shows_on_its_topic_and_the_home_page(page, site_url):
    topic = smallest_topic()
    q = topic.questions[1]
    open_study(page, url_of(site_url, q))
    mastered = page.locator(".study-toolbar").get_by_role("button", name="已掌握")
    mastered.click()
    expect(mastered).to_have_attribute("aria-pressed", "true")

    open_study(page, f"{site_url}{topic.slug}/")
    expect(page.locator(".study-progress-text")).to_have_text(f"已掌握 1 / {len(topic.questions)}")
    expect(item(page, q.id).get_by_role("button", name="已掌握")).to_have_attribute("aria-pressed", "true")
    expect(item(page, topic.questions[0].id).get_by_role("button", name="已掌握")).to_have_attribute("aria-pressed", "false")

    open_study(page, site_url)
    expect(page.locator(".study-progress-text")).to_have_text(f"已掌握 1 / {len(bank().questions)}")
    card = page.locator(".qa-topics li", has=page.locator(f"a[href$='/{topic.slug}/']"))
    expect(card.locator(".study-topic-progress")).to_have_text(f"· 已掌握 1 / {len(topic.questions)}")


def test_marks_exclude_each_other_and_a_second_press_clears(page, site_url):
    topic = smallest_topic()
    open_study(page, f"{site_url}{topic.slug}/")
    row = item(page, topic.questions[0].id)
    mastered, review = row.get_by_role("button", name="已掌握"), row.get_by_role("button", name="待复习")
    review.click()
    expect(page.locator(".study-progress-text")).to_have_text(f"已掌握 0 / {len(topic.questions)} · 待复习 1")
    mastered.click()
    expect(review).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".study-progress-text")).to_have_text(f"已掌握 1 / {len(topic.questions)}")
    mastered.click()
    expect(mastered).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".study-progress-text")).to_have_text(f"已掌握 0 / {len(topic.questions)}")
    page.reload()  # nothing left behind
    page.wait_for_selector("article[data-study-ready]", state="attached")
    expect(page.locator(".study-progress-text")).to_have_text(f"已掌握 0 / {len(topic.questions)}")


def test_keys_m_and_r_mark_the_question(page, site_url):
    q = smallest_topic().questions[0]
    open_study(page, url_of(site_url, q))
    toolbar = page.locator(".study-toolbar")
    page.keyboard.press("r")
    expect(toolbar.get_by_role("button", name="待复习")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("m")
    expect(toolbar.get_by_role("button", name="已掌握")).to_have_attribute("aria-pressed", "true")
    expect(toolbar.get_by_role("button", name="待复习")).to_have_attribute("aria-pressed", "false")


def test_export_reset_import_round_trip(page, site_url, tmp_path):
    errors = page_errors(page)
    topic = smallest_topic()
    first, second = topic.questions[0].id, topic.questions[1].id
    open_study(page, f"{site_url}{topic.slug}/")
    item(page, first).get_by_role("button", name="已掌握").click()
    item(page, second).get_by_role("button", name="待复习").click()

    open_study(page, site_url)
    total = len(bank().questions)
    counter = page.locator(".study-progress-text")
    expect(counter).to_have_text(f"已掌握 1 / {total} · 待复习 1")
    with page.expect_download() as download:
        page.get_by_role("button", name="导出进度").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert {k: v["state"] for k, v in data["progress"].items()} == {first: "mastered", second: "review"}

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="重置进度").click()
    expect(counter).to_have_text(f"已掌握 0 / {total}")

    page.locator("input.study-file").set_input_files(str(exported))
    expect(counter).to_have_text(f"已掌握 1 / {total} · 待复习 1")
    expect(page.locator(".study-status")).to_have_text("已导入 2 题的进度")
    open_study(page, f"{site_url}{topic.slug}/")
    expect(item(page, first).get_by_role("button", name="已掌握")).to_have_attribute("aria-pressed", "true")
    expect(item(page, second).get_by_role("button", name="待复习")).to_have_attribute("aria-pressed", "true")
    assert errors == []


def test_import_ignores_questions_that_no_longer_exist(page, site_url, tmp_path):
    errors = page_errors(page)
    real = bank().questions[0].id
    old = tmp_path / "old-progress.json"
    old.write_text(json.dumps({"progress": {"a-question-that-was-removed": {"state": "mastered"},
                                            real: {"state": "mastered"}, bank().questions[1].id: {"state": "??"}}}),
                   encoding="utf-8")
    open_study(page, site_url)
    page.locator("input.study-file").set_input_files(str(old))
    expect(page.locator(".study-progress-text")).to_have_text(f"已掌握 1 / {len(bank().questions)}")
    expect(page.locator(".study-status")).to_contain_text("已导入 1 题的进度，忽略 2 条")
    # a mark for a removed question already in storage is not counted and breaks nothing
    page.evaluate("""() => {
        const key = Object.keys(localStorage).find(k => k.endsWith(':progress'));
        const all = JSON.parse(localStorage.getItem(key));
        all['gone-too'] = {state: 'mastered'};
        localStorage.setItem(key, JSON.stringify(all));
    }""")
    page.reload()
    page.wait_for_selector(".study-topic-progress")
    expect(page.locator(".study-progress-text")).to_have_text(f"已掌握 1 / {len(bank().questions)}")
    page.locator("input.study-file").set_input_files(
        files=[{"name": "broken.json", "mimeType": "application/json", "buffer": b"{not json"}])
    expect(page.locator(".study-status")).to_have_text("导入失败：文件不是 JSON")
    assert errors == []

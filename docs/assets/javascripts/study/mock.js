/*
 * Study mode, mock interview: the 模拟面试 page (.study-mock, from studybank.pages) picks
 * questions by topic, difficulty and company; each is shown alone on its page with a timer and
 * the answer hidden; the reader answers, reveals, rates (the rating feeds the review schedule,
 * review.js); the page then shows a summary: time per question, ratings, weakest topics.
 *
 * The interview in progress lives in sessionStorage:
 * {ids, index, shownAt: [ms], times: [ms to reveal], ratings: [1–4], ended}.
 */
(function () {
  "use strict";
  const S = window.studyBank;
  if (!S || !S.feature || S.mockInterview) return;

  const interview = () => S.read(sessionStorage, S.KEY.mock, null);
  const save = (now) => S.write(sessionStorage, S.KEY.mock, now);
  const MOCK_PAGE = () => new URL("mock/", S.ROOT).href;
  const LABEL = { 1: "忘了", 2: "模糊", 3: "记得", 4: "很熟" };

  function clock(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  function open(now) {
    const bank = S.bank();
    location.assign(now.index < now.ids.length && !now.ended
      ? S.absolute(bank.byId.get(now.ids[now.index]).url) : MOCK_PAGE());
  }

  /* ---------- the 模拟面试 page: choose, or read the summary ---------- */

  function shuffled(list) {
    const copy = list.slice();
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  function chooser(page, bank, box) {
    const topics = S.el("fieldset", { class: "study-mock-topics" }, [S.el("legend", { text: "主题（不选即全部）" })]
      .concat(bank.topics.map((t) => S.el("label", {}, [S.el("input", { type: "checkbox", name: "topic", value: t.slug }),
        ` ${t.title}（${t.count}）`]))));
    const select = (id, label, options) => S.el("span", { class: "study-filter" }, [S.el("label", { for: id, text: label }),
      S.el("select", { id: id, class: "study-select" }, options.map(([value, text]) => S.el("option", { value: value, text: text })))]);
    const companies = [...new Set(bank.questions.flatMap((q) => q.companies))].sort((a, b) => a.localeCompare(b, "zh"));
    const count = S.el("input", { type: "number", id: "study-mock-count", class: "study-select", min: "1", max: "30", value: "5" });
    const form = S.el("form", { class: "study-mock-form", "aria-label": "模拟面试设置" }, [topics,
      S.el("div", { class: "study-row" }, [
        select("study-mock-difficulty", "难度", [["", "不限"]].concat([1, 2, 3].map((d) => [String(d), S.DIFFICULTY[d]]))),
        companies.length ? select("study-mock-company", "公司", [["", "不限"]].concat(companies.map((c) => [c, c]))) : null,
        S.el("span", { class: "study-filter" }, [S.el("label", { for: count.id, text: "题数" }), count]),
        S.el("button", { type: "submit", class: "study-button study-mock-start", text: "开始面试" })])]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = [...form.querySelectorAll("input[name=topic]:checked")].map((i) => i.value);
      const difficulty = form.querySelector("#study-mock-difficulty").value;
      const company = (form.querySelector("#study-mock-company") || {}).value;
      const pool = bank.questions.filter((q) => (!chosen.length || chosen.includes(q.topic)) &&
        (!difficulty || String(q.difficulty) === difficulty) && (!company || q.companies.includes(company)));
      if (!pool.length) return S.say("没有符合条件的题，请放宽条件");
      const n = Math.min(Math.max(parseInt(count.value, 10) || 5, 1), 30);
      const state = S.stateReader(); // questions not yet mastered first
      const picked = shuffled(pool).sort((a, b) => (state(a.id) === "mastered") - (state(b.id) === "mastered")).slice(0, n);
      const now = { ids: picked.map((q) => q.id), index: 0, shownAt: [], times: [], ratings: [], ended: false };
      save(now);
      open(now);
    });
    box.replaceChildren(form);
  }

  function summary(page, bank, box, now) {
    const rows = now.ids.map((id, i) => {
      const q = bank.byId.get(id) || { title: id, url: "", topic: "" };
      const topic = bank.topicBySlug.get(q.topic);
      return S.el("tr", {}, [S.el("td", { text: String(i + 1) }),
        S.el("td", {}, [S.el("a", { href: S.absolute(q.url), text: q.title })]),
        S.el("td", { text: topic ? topic.title : "" }),
        S.el("td", { class: "study-mock-time", text: now.times[i] === undefined || now.times[i] === null ? "—" : clock(now.times[i]) }),
        S.el("td", { class: "study-mock-rating", text: LABEL[now.ratings[i]] || "未评分" })]);
    });
    const table = S.el("table", {}, [S.el("thead", {}, [S.el("tr", {}, ["#", "题目", "主题", "用时", "评分"].map((h) => S.el("th", { text: h })))]),
      S.el("tbody", {}, rows)]);
    // weakest topics: lowest average rating, below 记得
    const byTopic = new Map();
    now.ids.forEach((id, i) => {
      const q = bank.byId.get(id);
      if (!q || !now.ratings[i]) return;
      byTopic.set(q.topic, (byTopic.get(q.topic) || []).concat(now.ratings[i]));
    });
    const weak = [...byTopic].map(([slug, r]) => [slug, r.reduce((a, b) => a + b, 0) / r.length])
      .filter(([, mean]) => mean < 3).sort((a, b) => a[1] - b[1]).slice(0, 3);
    const weakList = weak.length ? S.el("ul", { class: "study-mock-weak" }, weak.map(([slug, mean]) => {
      const topic = bank.topicBySlug.get(slug);
      return S.el("li", {}, [S.el("a", { href: S.absolute(topic.url), text: topic.title }), `（平均 ${mean.toFixed(1)} 分，1 = 忘了，4 = 很熟）`]);
    })) : S.el("p", { text: "没有薄弱主题：每道题都答到了「记得」以上。" });
    const total = now.times.reduce((a, b) => a + (b || 0), 0);
    const heading = S.el("h2", { id: "study-mock-summary", tabindex: "-1", text: "面试总结" });
    box.replaceChildren(heading,
      S.el("p", { text: `共 ${now.ids.length} 题，评分 ${now.ratings.filter(Boolean).length} 题，总用时 ${clock(total)}。评分已计入复习计划。` }),
      S.el("div", { class: "md-typeset__table" }, [table]),
      S.el("h3", { text: "最薄弱的主题" }), weakList,
      S.button("再来一次", { class: "study-button study-mock-again" }, () => { save(null); chooser(page, bank, box); }));
    heading.focus({ preventScroll: true });
  }

  /* ---------- a question page during the interview ---------- */

  function interviewBar(page, now) {
    const i = now.index;
    if (!now.shownAt[i]) { now.shownAt[i] = Date.now(); save(now); }
    const timer = S.el("span", { class: "study-mock-timer", role: "timer", "aria-label": "用时" });
    const last = i + 1 >= now.ids.length;
    const next = S.button(last ? "查看总结" : "下一题", { class: "study-button study-mock-next", hidden: true }, () => {
      const latest = interview();
      latest.index += 1;
      save(latest);
      open(latest);
    });
    const end = S.button("结束面试", { class: "study-button" }, () => {
      const latest = interview();
      latest.ended = true;
      save(latest);
      open(latest);
    });
    const bar = S.el("div", { class: "study-run study-mock-bar", role: "group", "aria-label": "模拟面试" },
      [S.el("strong", { text: `模拟面试 第 ${i + 1} / ${now.ids.length} 题` }), timer, next, end]);
    const tick = () => {
      const latest = interview();
      if (S.page !== page || !latest) return clearInterval(page.mockTimer);
      const stopped = latest.times[i];
      timer.textContent = "用时 " + clock(stopped !== undefined && stopped !== null ? stopped : Date.now() - latest.shownAt[i]);
      next.hidden = !latest.ratings[i];
    };
    page.mockTimer = setInterval(tick, 1000);
    page.mockTick = tick;
    page.toolbar.prepend(bar);
    tick();
  }

  S.mockInterview = interview;

  S.onAnswerShown.push((qa) => { // the answer's first reveal stops the clock
    const page = S.page, now = interview();
    if (!page || !page.mockTick || qa.step < 1 || !now || now.ids[now.index] !== page.qid) return;
    if (now.times[now.index] === undefined || now.times[now.index] === null) {
      now.times[now.index] = Date.now() - now.shownAt[now.index];
      save(now);
    }
    page.mockTick();
  });

  S.onRated.push((id, grade) => {
    const page = S.page, now = interview();
    if (!page || !page.mockTick || !now || now.ids[now.index] !== id) return;
    now.ratings[now.index] = grade;
    save(now);
    page.mockTick();
  });

  S.feature({
    setup(page) {
      const now = interview();
      if (page.kind === "mock") {
        const bank = S.bank();
        const box = page.article.querySelector(".study-mock");
        page.toolbar.hidden = !bank; // only its status line is used here
        if (!bank) return;
        page.toolbar.hidden = false;
        if (now && (now.ended || now.index >= now.ids.length)) summary(page, bank, box, now);
        else chooser(page, bank, box);
      } else if (page.kind === "question" && now && !now.ended && now.ids[now.index] === page.qid) {
        page.forceSelfTest = true;
        document.documentElement.classList.add("study-mock-on");
        interviewBar(page, now);
      }
    },
    ready(page) {
      if (!page.mockTick) document.documentElement.classList.remove("study-mock-on");
    },
  });
})();

/*
 * Study mode, spaced review: after seeing an answer in self-test mode the reader rates their
 * recall (忘了 / 模糊 / 记得 / 很熟, keys 1–4) and ts-fsrs (window.FSRS, served from
 * assets/ts-fsrs/) schedules the next review. The home page and topic pages count the
 * questions due and start a review run: the due questions one by one, in self-test mode.
 */
(function () {
  "use strict";
  const S = window.studyBank;
  if (!S || !S.feature || S.rate) return;

  const FSRS = window.FSRS;
  const scheduler = FSRS ? FSRS.fsrs(FSRS.generatorParameters({})) : null;
  // [key, label, ts-fsrs rating]
  S.RATINGS = FSRS ? [["1", "忘了", FSRS.Rating.Again], ["2", "模糊", FSRS.Rating.Hard],
    ["3", "记得", FSRS.Rating.Good], ["4", "很熟", FSRS.Rating.Easy]] : [];
  S.onRated = []; // mock.js records the ratings of a mock interview

  /** Schedule a question's next review from a rating; returns the stored card. */
  S.rate = function (id, rating) {
    const now = new Date();
    const stored = S.schedule()[id];
    const card = stored && S.validCard(stored)
      ? Object.assign({}, stored, { due: new Date(stored.due), last_review: stored.last_review ? new Date(stored.last_review) : undefined })
      : FSRS.createEmptyCard(now);
    const next = JSON.parse(JSON.stringify(scheduler.next(card, now, rating).card)); // dates as ISO strings
    S.setCard(id, next);
    return next;
  };

  /** The ids among `ids` whose review is due now, most overdue first. */
  S.dueIds = function (ids) {
    const now = Date.now(), cards = S.schedule();
    return ids.filter((id) => cards[id] && Date.parse(cards[id].due) <= now)
      .sort((a, b) => Date.parse(cards[a].due) - Date.parse(cards[b].due));
  };

  function when(due) {
    const minutes = Math.max(1, Math.round((Date.parse(due) - Date.now()) / 60000));
    if (minutes < 60) return `${minutes} 分钟后`;
    if (minutes < 24 * 60) return `${Math.round(minutes / 60)} 小时后`;
    return `${Math.round(minutes / 1440)} 天后（${due.slice(0, 10)}）`;
  }

  /* ---------- a review run: {ids: [...], label} in sessionStorage ---------- */

  const run = () => S.read(sessionStorage, S.KEY.review, null);

  function startRun(ids, label) {
    const bank = S.bank();
    const due = S.dueIds(ids).filter((id) => bank.byId.has(id));
    if (!due.length) return S.say("现在没有待复习的题");
    S.write(sessionStorage, S.KEY.review, { ids: due, label: label });
    location.assign(S.absolute(bank.byId.get(due[0]).url));
  }

  function endRun() {
    S.write(sessionStorage, S.KEY.review, null);
    if (S.page && S.page.runBar) S.page.runBar.remove();
    S.say("已结束复习");
  }

  /** The bar at the top of a question page during a review run. */
  function runBar(page) {
    const left = S.el("span", { class: "study-run-count" });
    const next = S.button("下一题", { class: "study-button study-run-next", hidden: true }, () => {
      const now = run();
      const bank = S.bank();
      if (now && now.ids.length && bank) location.assign(S.absolute(bank.byId.get(now.ids[0]).url));
    });
    const bar = S.el("div", { class: "study-run", role: "group", "aria-label": "复习" },
      [S.el("strong", { text: "复习中" }), left, next, S.button("结束复习", { class: "study-button" }, endRun)]);
    bar.update = () => {
      const now = run();
      const count = now ? now.ids.length : 0;
      left.textContent = count ? `还剩 ${count} 题` : "本轮复习完成";
      next.hidden = !(count && !now.ids.includes(page.qid));
      if (!count) next.replaceWith(S.el("a", { href: S.ROOT.href, text: "回到首页" }));
    };
    page.runBar = bar;
    page.toolbar.prepend(bar);
    bar.update();
  }

  /* ---------- rating a question ---------- */

  function rateQuestion(page, rating, label) {
    const card = S.rate(page.qid, rating);
    const now = run();
    if (now) { now.ids = now.ids.filter((id) => id !== page.qid); S.write(sessionStorage, S.KEY.review, now); }
    for (const rated of S.onRated) rated(page.qid, Number(S.RATINGS.find((r) => r[2] === rating)[0]));
    page.rated = true;
    for (const b of page.rateBox.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.textContent === label));
    S.say(`已评「${label}」：下次复习在 ${when(card.due)}`);
    S.refresh();
    const next = page.article.querySelector(".study-run-next:not([hidden]), .study-mock-next:not([hidden])");
    if (next) next.focus();
  }

  function rateBox(page) {
    const box = S.el("div", { class: "study-rate", role: "group", "aria-label": "评分：记得多少？", hidden: true },
      [S.el("span", { class: "study-rate-label", text: "记得多少？" })].concat(S.RATINGS.map(([key, label, rating]) =>
        S.button(label, { class: "study-button study-rate-" + key, "aria-pressed": "false", title: `${label}（${key}）` },
          () => rateQuestion(page, rating, label)))));
    page.rateBox = box;
    return box;
  }

  /** Ratings show once the reader has revealed the answer in self-test mode. */
  S.onAnswerShown.push((qa) => {
    const page = S.page;
    if (!page || !page.rateBox || qa !== page.qas[0]) return;
    page.rateBox.hidden = !(page.article.classList.contains("study-selftest") && qa.step >= 1);
  });

  function dueLine(page, ids, label, what) {
    const text = S.el("span", { class: "study-due-text" });
    const start = S.button(what, { class: "study-button study-review-start" }, () => startRun(ids(), label));
    page.row.append(S.el("span", { class: "study-due" }, [text, start]));
    page.due = (count) => {
      text.textContent = `${label}待复习 ${count} 题`;
      start.disabled = !count;
    };
    page.dueIds = ids;
  }

  S.feature({
    setup(page) {
      if (!scheduler) return;
      const bank = S.bank();
      if (page.kind === "question" && page.qas.length) {
        page.qas[0].short.after(rateBox(page));
        const now = run();
        if (now && (now.ids.includes(page.qid) || now.done === page.qid)) {
          page.forceSelfTest = true;
          now.done = page.qid; // a reload after rating keeps the bar
          S.write(sessionStorage, S.KEY.review, now);
          runBar(page);
        }
      } else if (page.kind === "home" && bank) {
        dueLine(page, () => bank.questions.map((q) => q.id), "今日", "开始复习");
      } else if (page.kind === "topic") {
        dueLine(page, () => page.items.map((i) => i.id), "本主题", "复习本主题");
      }
    },
    refresh(page) {
      if (page.due) page.due(S.dueIds(page.dueIds()).length);
      if (page.runBar) page.runBar.update();
    },
    keys: Object.fromEntries(["1", "2", "3", "4"].map((key) => [key, (page) => {
      if (!page.rateBox || page.rateBox.hidden) return false;
      page.rateBox.querySelector(".study-rate-" + key).click();
    }])),
  });
})();

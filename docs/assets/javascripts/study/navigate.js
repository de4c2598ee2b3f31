/*
 * Study mode, moving around: 随机一题 (a question not yet mastered, within the list or filter it
 * was pressed in) and the keys j / k (next / previous question).
 */
(function () {
  "use strict";
  const S = window.studyBank;
  if (!S || !S.feature || S.randomQuestion) return;

  /** Jump to a question that is not mastered: within the page's list, or the saved scope. */
  S.randomQuestion = function () {
    const page = S.page;
    if (!page) return;
    if (page.items.length) {
      const pool = candidates(page);
      S.write(sessionStorage, S.KEY.scope, { label: pool.label, items: pool.items });
      return go(pool.items, pool.label);
    }
    const scope = S.read(sessionStorage, S.KEY.scope, null);
    if (page.qid && scope && Array.isArray(scope.items) && scope.items.some((q) => q.id === page.qid)) {
      return go(scope.items, scope.label);
    }
    S.write(sessionStorage, S.KEY.scope, null);
    const bank = S.bank();
    if (!bank) return S.say("无法读取题目列表");
    go(bank.questions.map((q) => ({ id: q.id, url: S.absolute(q.url) })), "全部题目");
  };

  function go(items, label) {
    const state = S.stateReader();
    const open = items.filter((q) => q.id !== (S.page && S.page.qid) && state(q.id) !== "mastered");
    if (!open.length) return S.say(items.length ? `${label}中没有未掌握的题了` : "没有符合筛选条件的题");
    location.assign(open[Math.floor(Math.random() * open.length)].url);
  }

  /** The questions a list page shows right now (after filtering), each once. */
  function candidates(page) {
    const seen = new Set();
    const items = [];
    for (const item of page.items) {
      if (item.el.hidden || seen.has(item.id)) continue;
      seen.add(item.id);
      items.push({ id: item.id, url: S.absolute(item.link.href) });
    }
    const label = page.kind === "tags" ? "标签页" : `「${S.titleOf(page.article, "本主题")}」`;
    const filtered = page.filters && Object.values(page.filters.selects).some((s) => s.value);
    return { items: items, label: filtered ? label + "（筛选后）" : label };
  }

  function moveCurrent(page, step) {
    if (page.kind === "question") { // previous / next question of the topic
      const pager = page.article.querySelector(".qa-pager");
      const link = pager && [...pager.querySelectorAll("a")].find((a) => a.textContent.includes(step > 0 ? "下一题" : "上一题"));
      if (link) link.click();
      return;
    }
    const items = page.items.filter((item) => !item.el.hidden && item.link);
    if (!items.length) return;
    let index = items.indexOf(page.current);
    index = index < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(Math.max(index + step, 0), items.length - 1);
    if (page.current) page.current.el.classList.remove("study-current");
    page.current = items[index];
    page.current.el.classList.add("study-current");
    page.current.link.focus({ preventScroll: true });
    page.current.el.scrollIntoView({ block: "center" });
  }

  S.feature({
    setup(page) {
      if (page.kind === "mock" || page.mockTick) return; // not during a mock interview
      page.row.append(S.button("随机一题", { class: "study-button study-random", title: "跳到一道还没掌握的题（g）" },
        S.randomQuestion));
    },
    keys: {
      j: (page) => moveCurrent(page, 1),
      k: (page) => moveCurrent(page, -1),
      g: () => S.randomQuestion(),
    },
  });
})();

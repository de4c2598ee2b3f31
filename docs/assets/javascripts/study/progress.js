/*
 * Study mode, progress: 已掌握 / 待复习 marks, the counts on topic pages and the home page, and
 * the home page's export / import / reset of everything stored (marks and review schedule).
 */
(function () {
  "use strict";
  const S = window.studyBank;
  if (!S || !S.feature || S.toggleMark) return;

  function markButtons(id, title) {
    const group = S.el("span", { class: "study-marks", role: "group", "aria-label": "标记：" + title });
    for (const [state, label] of Object.entries(S.STATES)) {
      group.append(S.button(label, { class: "study-button study-mark study-mark-" + state, "data-state": state,
        "data-qid": id, "aria-pressed": "false" }, () => S.toggleMark(id, state)));
    }
    return group;
  }

  S.toggleMark = function (id, state) {
    if (!id) return S.say("先用 j / k 选中一题");
    const next = S.stateOf(id) === state ? "" : state;
    S.setState(id, next);
    S.refresh();
    S.say(next ? `已标记为「${S.STATES[next]}」` : "已取消标记");
  };

  function progressMeter(label) {
    const text = S.el("span", { class: "study-progress-text" });
    const bar = S.el("progress", { class: "study-progress-bar", max: "1", value: "0", "aria-label": label });
    const box = S.el("div", { class: "study-progress" }, [text, bar]);
    box.update = (done, review, total) => {
      text.textContent = `已掌握 ${done} / ${total}` + (review ? ` · 待复习 ${review}` : "");
      bar.max = Math.max(total, 1);
      bar.value = done;
    };
    return box;
  }

  function countIn(ids, state) {
    let done = 0, review = 0;
    for (const id of ids) {
      if (state(id) === "mastered") done += 1;
      else if (state(id) === "review") review += 1;
    }
    return [done, review];
  }

  /* ---------- export / import / reset (home page) ---------- */

  function exportProgress() {
    const data = S.exportData();
    const blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    const link = S.el("a", { href: URL.createObjectURL(blob), download: "llm-interview-bank-progress.json", hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    const ids = new Set(Object.keys(data.progress).concat(Object.keys(data.schedule)));
    S.say(`已导出 ${ids.size} 题的进度`);
  }

  function importProgress(text) {
    const bank = S.bank();
    const result = S.importData(text, bank && ((id) => bank.byId.has(id)));
    S.refresh();
    if (result.error) return S.say("导入失败：" + result.error);
    S.say(`已导入 ${result.taken} 题的进度` + (result.skipped ? `，忽略 ${result.skipped} 条（题目已不存在或状态无效）` : ""));
  }

  function resetProgress() {
    if (!window.confirm("确定清除本机保存的全部学习进度和复习计划？此操作不能撤销（可先导出备份）。")) return;
    S.resetAll();
    S.refresh();
    S.say("学习进度已清除");
  }

  function setupHome(page) {
    const meter = progressMeter("全部题目中已掌握的题");
    const file = S.el("input", { type: "file", accept: ".json,application/json", class: "study-file",
      tabindex: "-1", "aria-hidden": "true" });
    page.toolbar.classList.add("study-panel");
    page.toolbar.prepend(
      S.el("p", { class: "study-title", text: "学习进度" }),
      S.el("p", { class: "study-note", text: "进度和复习计划只保存在这台设备的浏览器里。换设备或清理浏览器前，请先导出备份。" }),
      meter);
    page.row.append(
      S.button("导出进度", { class: "study-button study-export" }, exportProgress),
      S.button("导入进度", { class: "study-button study-import" }, () => file.click()),
      S.button("重置进度", { class: "study-button study-reset" }, resetProgress));
    page.toolbar.append(file);
    file.addEventListener("change", () => {
      const chosen = file.files && file.files[0];
      if (chosen) chosen.text().then(importProgress);
      file.value = "";
    });
    const bank = S.bank();
    if (!bank) return S.say("无法读取题目列表");
    const badges = [];
    for (const topic of bank.topics) {
      const link = [...page.article.querySelectorAll(".qa-topics li a[href]")]
        .find((a) => S.absolute(a.href) === S.absolute(topic.url));
      const count = link && link.closest("li").querySelector(".qa-count");
      if (!count) continue;
      const badge = S.el("span", { class: "study-topic-progress" });
      count.after(" ", badge);
      badges.push([badge, bank.questions.filter((q) => q.topic === topic.slug).map((q) => q.id)]);
    }
    const all = bank.questions.map((q) => q.id);
    page.counter = (state) => {
      meter.update(...countIn(all, state), all.length);
      for (const [badge, ids] of badges) badge.textContent = `· 已掌握 ${countIn(ids, state)[0]} / ${ids.length}`;
    };
  }

  S.feature({
    setup(page) {
      if (page.kind === "question") {
        page.row.append(markButtons(page.qid, S.titleOf(page.article, page.qid)));
      } else if (page.kind === "topic") {
        for (const item of page.items) {
          const meta = item.el.querySelector(".qa-item-meta") || item.link.parentElement;
          meta.append(markButtons(item.id, item.link.textContent.trim()));
        }
        const meter = progressMeter("本主题已掌握的题");
        const ids = page.items.map((i) => i.id);
        page.counter = (state) => meter.update(...countIn(ids, state), ids.length);
        page.meter = meter; // shortcuts.js puts it last in the row
      } else if (page.kind === "home") {
        setupHome(page);
      }
    },
    refresh(page, state) {
      for (const mark of page.article.querySelectorAll(".study-mark")) {
        mark.setAttribute("aria-pressed", String(state(mark.dataset.qid) === mark.dataset.state));
      }
      for (const item of page.items) {
        item.el.classList.toggle("study-is-mastered", state(item.id) === "mastered");
        item.el.classList.toggle("study-is-review", state(item.id) === "review");
      }
      if (page.counter) page.counter(state);
    },
    keys: {
      m: (page) => S.toggleMark(page.qid || (page.current && page.current.id), "mastered"),
      r: (page) => S.toggleMark(page.qid || (page.current && page.current.id), "review"),
    },
  });
})();

/*
 * Study mode, filters on topic pages and the tags page: difficulty, tag, company, progress,
 * kept in the address (?difficulty=2&tag=…) so a filtered list can be bookmarked.
 */
(function () {
  "use strict";
  const S = window.studyBank;
  if (!S || !S.feature || S.applyFilters) return;

  const FILTER_KEYS = ["difficulty", "tag", "company", "progress"];
  const LABELS = { difficulty: "难度", tag: "标签", company: "公司", progress: "进度" };
  const PROGRESS_FILTER = [["unmastered", "未掌握"], ["review", "待复习"], ["mastered", "已掌握"], ["unmarked", "未标记"]];

  /** Ties in code point order, as the build orders the stand-in's options (studybank.pages):
   *  making a Chinese collator took 20-30 ms per topic or tags page here, unthrottled. */
  const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  function matches(item, values, state) {
    if (values.difficulty && String(item.difficulty) !== values.difficulty) return false;
    if (values.tag && !item.tags.includes(values.tag)) return false;
    if (values.company && !item.companies.includes(values.company)) return false;
    const now = state(item.id);
    switch (values.progress) {
      case "unmastered": return now !== "mastered";
      case "review": return now === "review";
      case "mastered": return now === "mastered";
      case "unmarked": return now === "";
      default: return true;
    }
  }

  /** [value, "value（number of questions）"], most common first. */
  function optionsFor(items, field) {
    const ids = new Map(); // the tags page lists a question once per tag: count questions, not rows
    for (const item of items) {
      for (const value of item[field]) ids.set(value, (ids.get(value) || new Set()).add(item.id));
    }
    return [...ids].map(([value, set]) => [value, set.size])
      .sort((a, b) => b[1] - a[1] || byName(a[0], b[0]))
      .map(([value, count]) => [value, `${value}（${count}）`]);
  }

  function filterBar(page) {
    const items = page.items;
    const params = new URLSearchParams(location.search);
    const choices = {
      difficulty: [1, 2, 3].filter((d) => items.some((i) => i.difficulty === d)).map((d) => [String(d), S.DIFFICULTY[d]]),
      tag: optionsFor(items, "tags"),
      company: optionsFor(items, "companies"),
      progress: PROGRESS_FILTER,
    };
    const selects = {};
    const bar = S.el("div", { class: "study-filters", role: "group", "aria-label": "筛选题目" });
    for (const key of FILTER_KEYS) {
      if (!choices[key].length) continue;
      const select = S.el("select", { class: "study-select", id: "study-filter-" + key, name: key,
        on: { change: () => S.applyFilters(page, true) } },
        [S.el("option", { value: "", text: "全部" })].concat(choices[key].map(([value, label]) =>
          S.el("option", { value: value, text: label }))));
      const wanted = params.get(key);
      if (wanted && choices[key].some(([v]) => v === wanted)) select.value = wanted;
      selects[key] = select;
      bar.append(S.el("span", { class: "study-filter" }, [S.el("label", { for: select.id, text: LABELS[key] }), select]));
    }
    const clear = S.button("清除筛选", { class: "study-button study-clear" }, () => {
      for (const select of Object.values(selects)) select.value = "";
      S.applyFilters(page, true);
    });
    const shown = S.el("span", { class: "study-shown", role: "status" });
    bar.append(clear, shown);
    return { bar: bar, selects: selects, clear: clear, shown: shown };
  }

  S.applyFilters = function (page, updateUrl) {
    const filters = page.filters;
    const values = {};
    for (const [key, select] of Object.entries(filters.selects)) values[key] = select.value;
    const state = S.stateReader();
    const visible = new Set();
    for (const item of page.items) {
      const show = matches(item, values, state) && (!item.section || !values.tag || item.section === values.tag);
      item.el.hidden = !show;
      if (show) visible.add(item.id);
    }
    for (const section of page.sections || []) { // tags page: hide tags left with no question
      if (!section.items.length) continue;
      const any = section.items.some((item) => !item.el.hidden);
      section.heading.hidden = section.list.hidden = !any;
      if (section.tocEntry) section.tocEntry.hidden = !any;
    }
    const total = new Set(page.items.map((i) => i.id)).size;
    const active = Object.values(values).some(Boolean);
    filters.shown.textContent = active ? `显示 ${visible.size} / ${total} 题` : `共 ${total} 题`;
    filters.clear.hidden = !active;
    if (updateUrl) {
      const params = new URLSearchParams(location.search);
      for (const key of FILTER_KEYS) { if (values[key]) params.set(key, values[key]); else params.delete(key); }
      const query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  };

  /** The tags page's questions, one item per (tag, question) row. */
  function tagItems(page, bank) {
    page.sections = [];
    // the table of contents lists every tag; its entries follow their sections
    const tocEntries = new Map([...document.querySelectorAll(".md-sidebar--secondary a[href*='#']")]
      .map((link) => [decodeURIComponent(link.hash.slice(1)), link.closest("li")]));
    for (const heading of page.article.querySelectorAll("h2[id^='tag:']")) {
      const list = heading.nextElementSibling;
      if (!list || !list.matches("ul")) continue;
      const name = (heading.querySelector(".md-tag") || heading).textContent.trim();
      const section = { heading: heading, list: list, items: [], tocEntry: tocEntries.get(heading.id) };
      for (const li of list.querySelectorAll(":scope > li")) {
        const link = li.querySelector("a[href]");
        const q = link && bank.byUrl.get(S.absolute(link.href));
        if (!q) continue;
        const item = { id: q.id, link: link, el: li, difficulty: q.difficulty, tags: q.tags,
          companies: q.companies, section: name };
        section.items.push(item);
        page.items.push(item);
      }
      page.sections.push(section);
    }
  }

  S.feature({
    setup(page) {
      if (page.kind === "tags") {
        const bank = S.bank();
        if (!bank) return S.say("无法读取题目列表，筛选不可用");
        tagItems(page, bank);
      } else if (page.kind !== "topic") {
        return;
      }
      page.filters = filterBar(page);
      page.toolbar.insertBefore(page.filters.bar, page.status);
    },
    refresh(page) {
      if (page.filters) S.applyFilters(page, false);
    },
  });
})();

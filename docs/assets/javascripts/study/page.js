/*
 * Study mode, page set-up: finds what kind of page this is, fills the study toolbar, and runs
 * each feature's set-up (study/selftest.js, progress.js, filters.js, review.js, mock.js,
 * random.js, shortcuts.js register themselves with studyBank.feature()).
 *
 * The page markup comes from studybank.pages:
 *   question page  <p class="qa-badges" data-qid="…"> under the title, then an empty
 *                  .study-toolbar (its height reserved in study.css, so filling it moves
 *                  nothing), the 简答 paragraph after a 「显示简答」 button, the 详解 after a
 *                  「显示详解」 button, up to the 「相关问题」 heading or the .qa-pager links
 *   topic page     a .study-toolbar holding an invisible stand-in of the controls, then
 *                  .qa-list <li>s, each with a.qa-link[data-qid][data-difficulty][data-tags]
 *                  [data-companies], its 简答 in p.qa-short after a hidden 「显示简答」 button
 *   (home and tags pages have the toolbar with its stand-in too)
 *   tags page      Material's tag index: <h2 id="tag:…"> then a <ul> of question links
 *   home page      .qa-topics cards
 *   mock page      .study-mock
 *
 * Material's instant navigation swaps the page without reloading the scripts, so each page is
 * set up from document$.subscribe(); global listeners (keys, storage) are bound once.
 */
(function () {
  "use strict";
  const S = window.studyBank;
  if (!S || S.feature) return;

  const features = [];
  S.page = null; // what the current page offers; rebuilt on every page switch

  /** Register {setup(page), refresh(page, state), keys: {key: action}}; all parts optional. */
  S.feature = (feature) => features.push(feature);

  /* ---------- small DOM helpers ---------- */

  S.el = function (tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "text") node.textContent = value;
      else if (name === "on") for (const [type, handler] of Object.entries(value)) node.addEventListener(type, handler);
      else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children || []) if (child !== null && child !== undefined && child !== false) node.append(child);
    return node;
  };

  S.button = (label, attrs, onClick) =>
    S.el("button", Object.assign({ type: "button", class: "study-button", text: label, on: { click: onClick } }, attrs));

  S.say = function (message) {
    if (S.page && S.page.status) S.page.status.textContent = message;
  };

  S.titleOf = (article, fallback) => ((article.querySelector("h1") || {}).textContent || fallback).replace("¶", "").trim();

  /** Repaint everything that shows progress or the schedule. */
  S.refresh = function () {
    if (!S.page) return;
    const state = S.stateReader();
    for (const feature of features) if (feature.refresh) feature.refresh(S.page, state);
  };

  /* ---------- keyboard (bound once) ---------- */

  document.addEventListener("keydown", (event) => {
    const page = S.page;
    if (!page || !page.toolbar || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const search = document.querySelector("[data-md-toggle=search]");
    if (search && search.checked) return; // Material's search has the keyboard
    for (const feature of features) {
      const action = feature.keys && feature.keys[event.key];
      if (action && action(page, event) !== false) { event.preventDefault(); return; }
    }
  });

  // Another tab changed the progress or the schedule: show it here too.
  window.addEventListener("storage", (event) => {
    if (event.key === S.KEY.progress || event.key === S.KEY.schedule) S.refresh();
  });

  /* ---------- per page ---------- */

  function kindOf(article) {
    if (article.querySelector(".qa-badges[data-qid]")) return "question";
    const list = article.querySelector(".qa-list");
    if (list && list.querySelector("a.qa-link[data-qid]")) return "topic";
    if (article.querySelector("h2[id^='tag:']")) return "tags";
    if (article.querySelector(".study-mock")) return "mock";
    if (article.querySelector(".qa-topics")) return "home";
    return "";
  }

  /** The toolbar: the build's (question, topic, home and tags pages), a new one elsewhere. */
  function toolbar(page) {
    const status = S.el("p", { class: "study-status", role: "status", "aria-live": "polite" });
    const row = S.el("div", { class: "study-row" });
    let bar = page.article.querySelector(".study-toolbar");
    if (!bar) {
      bar = S.el("div", { class: "study-toolbar", role: "region", "aria-label": "学习工具" });
      const article = page.article;
      if (page.kind === "topic") article.querySelector(".qa-list").before(bar);
      else if (page.kind === "tags") article.querySelector("h2[id^='tag:']").before(bar);
      else if (page.kind === "home") article.querySelector(".qa-topics").before(bar);
      else article.querySelector(".study-mock").before(bar);
    }
    bar.append(row, status);
    Object.assign(page, { toolbar: bar, row: row, status: status });
  }

  function topicItems(article) {
    return [...article.querySelectorAll(".qa-list a.qa-link[data-qid]")].map((link) => ({
      id: link.dataset.qid, link: link, el: link.closest("li"), difficulty: Number(link.dataset.difficulty),
      tags: (link.dataset.tags || "").split("|").filter(Boolean),
      companies: (link.dataset.companies || "").split("|").filter(Boolean),
    }));
  }

  function setup() {
    const article = document.querySelector(".md-content article") || document.querySelector("article");
    if (!article || article.dataset.studyReady) return;
    const kind = kindOf(article);
    if (!kind) { S.page = null; return; }
    const page = (S.page = { article: article, kind: kind, items: [], qas: [], qid: "" });
    // The build's invisible stand-ins hold the controls' places until now (studybank.pages):
    // the controls below take them over in this same task, so nothing on the page moves.
    for (const standIn of article.querySelectorAll("[data-study-placeholder]")) standIn.remove();
    if (kind === "question") page.qid = article.querySelector(".qa-badges[data-qid]").dataset.qid;
    if (kind === "topic") page.items = topicItems(article);
    toolbar(page);
    for (const feature of features) if (feature.setup) feature.setup(page);
    S.refresh();
    for (const feature of features) if (feature.ready) feature.ready(page);
    article.dataset.studyReady = "1"; // from here on study.css leaves the answers to the scripts
  }

  // The feature files come after this one; set up once they have all registered.
  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
    setup(); // document$ never emits for a page opened from disk (file://); a second call does nothing
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else setTimeout(start);
})();

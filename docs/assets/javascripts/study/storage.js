/*
 * Study mode, shared storage: what the reader's browser keeps, and the question list.
 *
 * Everything stays in the browser. localStorage holds the progress marks, the review schedule
 * and the self-test switch; sessionStorage holds what belongs to one sitting (the random-question
 * scope, a review run, a mock interview). The question list comes from assets/bank.js, a script
 * written at build time (studybank.study) that sets window.studyBankData: a <script> loads from
 * file:// too, where fetch() of a JSON file is refused.
 *
 * The other study/*.js files reach all of this through window.studyBank.
 */
(function () {
  "use strict";
  if (window.studyBank) return; // loaded twice: keep the first
  const S = (window.studyBank = {});

  // Served as part of <root>/assets/javascripts/study/bundle.js (studybank.study joins the study
  // scripts in that folder): the site root is three folders up.
  S.ROOT = new URL("../../../", (document.currentScript && document.currentScript.src) || location.href);
  // overrides/main.html builds the same prefix in <head> to apply the self-test switch before first paint
  const STORE = "llm-interview-bank:" + S.ROOT.pathname + ":";
  S.KEY = { progress: STORE + "progress", schedule: STORE + "schedule", selftest: STORE + "selftest",
    scope: STORE + "random-scope", review: STORE + "review-run", mock: STORE + "mock-interview" };
  S.STATES = { mastered: "已掌握", review: "待复习" };
  S.DIFFICULTY = { 1: "基础", 2: "进阶", 3: "高级" };

  S.read = function (storage, key, fallback) {
    try {
      const value = storage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch (err) {
      return fallback; // storage blocked or value unreadable
    }
  };

  S.write = function (storage, key, value) {
    try {
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(value));
      return true;
    } catch (err) {
      return false;
    }
  };

  function readObject(key) {
    const stored = S.read(localStorage, key, {});
    return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  }

  /* ---------- progress marks: {id: {state: "mastered" | "review", updated: ISO date}} ---------- */

  S.progress = () => readObject(S.KEY.progress);

  /** A function id → "mastered" | "review" | "" over one read of the stored progress. */
  S.stateReader = function () {
    const all = S.progress();
    return (id) => (all[id] && S.STATES[all[id].state] ? all[id].state : "");
  };

  S.stateOf = (id) => S.stateReader()(id);

  S.setState = function (id, state) {
    const all = S.progress();
    if (S.STATES[state]) all[id] = { state: state, updated: new Date().toISOString() };
    else delete all[id];
    S.write(localStorage, S.KEY.progress, all);
  };

  /* ---------- review schedule: {id: ts-fsrs card, dates as ISO strings} ---------- */

  S.schedule = () => readObject(S.KEY.schedule);

  S.setCard = function (id, card) {
    const all = S.schedule();
    all[id] = card;
    S.write(localStorage, S.KEY.schedule, all);
  };

  /** A stored card is usable if its dates parse and its numbers are numbers. */
  S.validCard = function (card) {
    if (!card || typeof card !== "object" || isNaN(Date.parse(card.due))) return false;
    if (card.last_review !== undefined && card.last_review !== null && isNaN(Date.parse(card.last_review))) return false;
    return ["stability", "difficulty", "reps", "lapses", "state"].every((k) => typeof card[k] === "number");
  };

  /* ---------- self-test switch ---------- */

  S.selfTestOn = () => S.read(localStorage, S.KEY.selftest, false) === true;

  S.setSelfTest = function (on) {
    S.write(localStorage, S.KEY.selftest, on);
    document.documentElement.classList.toggle("study-selftest", on);
  };

  /* ---------- export / import / reset ---------- */

  S.exportData = () => ({ app: "llm-interview-bank", kind: "progress", version: 2,
    exported: new Date().toISOString(), progress: S.progress(), schedule: S.schedule() });

  /**
   * Merge an exported file (version 1 has progress only, version 2 adds the schedule) or a
   * plain {id: "mastered"} object into storage. Ids not in `known` are skipped.
   * Returns {taken, skipped} or {error}.
   */
  S.importData = function (text, known) {
    let data;
    try { data = JSON.parse(text); } catch (err) { return { error: "文件不是 JSON" }; }
    const entries = data && typeof data === "object" ? (data.progress || data) : null;
    if (!entries || typeof entries !== "object" || Array.isArray(entries)) return { error: "文件里没有学习进度" };
    const cards = data.schedule && typeof data.schedule === "object" && !Array.isArray(data.schedule) ? data.schedule : {};
    const progress = S.progress(), schedule = S.schedule();
    const taken = new Set();
    let skipped = 0;
    for (const [id, entry] of Object.entries(entries)) {
      if (entries === data && id === "schedule") continue;
      const state = typeof entry === "string" ? entry : entry && entry.state;
      if (!S.STATES[state] || (known && !known(id))) { skipped += 1; continue; }
      progress[id] = { state: state, updated: (entry && entry.updated) || new Date().toISOString() };
      taken.add(id);
    }
    for (const [id, card] of Object.entries(cards)) {
      if (!S.validCard(card) || (known && !known(id))) { skipped += 1; continue; }
      schedule[id] = card;
      taken.add(id);
    }
    S.write(localStorage, S.KEY.progress, progress);
    S.write(localStorage, S.KEY.schedule, schedule);
    return { taken: taken.size, skipped: skipped };
  };

  S.resetAll = function () {
    S.write(localStorage, S.KEY.progress, null);
    S.write(localStorage, S.KEY.schedule, null);
    S.write(sessionStorage, S.KEY.review, null);
  };

  /* ---------- the question list (assets/bank.js) ---------- */

  let bank = null;

  /** {topics, questions, byId, byUrl}, or null if assets/bank.js did not load. */
  S.bank = function () {
    if (bank || !window.studyBankData) return bank;
    bank = window.studyBankData;
    for (const q of bank.questions) {
      q.url = bank.question_url.replace("{topic}", q.topic).replace("{id}", q.id);
      q.companies = q.companies || [];
    }
    bank.byId = new Map(bank.questions.map((q) => [q.id, q]));
    bank.byUrl = new Map(bank.questions.map((q) => [S.absolute(q.url), q]));
    bank.topicBySlug = new Map(bank.topics.map((t) => [t.slug, t]));
    return bank;
  };

  /** A page address without query or fragment, for comparing links. */
  S.absolute = function (url) {
    const parsed = new URL(url, S.ROOT);
    parsed.search = parsed.hash = "";
    return parsed.href;
  };
})();

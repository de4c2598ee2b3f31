/*
 * Study mode, self-test: answers hidden behind 「显示简答」 / 「显示详解」 until the reader asks.
 * The switch is kept in localStorage; overrides/main.html sets html.study-selftest from it
 * before the page is drawn, and study.css hides the answers until this file takes over.
 */
(function () {
  "use strict";
  const S = window.studyBank;
  if (!S || !S.feature || S.reveal) return;

  /** Called with the question whenever its visible part changes (review.js shows ratings). */
  S.onAnswerShown = [];

  function conceal(node, hide) {
    node.classList.toggle("study-concealed", hide);
  }

  /** The build's reveal button in its slot before `node`, or a new one put there. */
  function revealButton(node, part, label, onClick) {
    const slot = node.previousElementSibling;
    let button = slot && slot.matches(".study-reveal-slot") && slot.querySelector(`.study-reveal[data-reveal='${part}']`);
    if (button) button.addEventListener("click", onClick);
    else node.before(button = S.button(label, { class: "study-button study-reveal", "data-reveal": part }, onClick));
    button.setAttribute("aria-controls", node.id);
    return button;
  }

  /** A question whose answer can be hidden: its 简答 element and its 详解 elements. */
  S.makeQA = function (id, short, detail) {
    const qa = { id: id, short: short, detail: detail, step: 2 };
    short.id = short.id || "study-short-" + id;
    qa.shortButton = revealButton(short, "short", "显示简答", () => S.reveal(qa, true));
    if (detail.length) {
      detail[0].id = detail[0].id || "study-detail-" + id;
      qa.detailButton = revealButton(detail[0], "detail", "显示详解", () => S.reveal(qa, true));
    }
    return qa;
  };

  function paintQA(qa) {
    conceal(qa.short, qa.step < 1);
    qa.shortButton.hidden = qa.step >= 1;
    qa.detail.forEach((node) => conceal(node, qa.step < 2));
    if (qa.detailButton) qa.detailButton.hidden = qa.step !== 1;
    for (const shown of S.onAnswerShown) shown(qa);
  }

  /** Show the next part of an answer (简答, then 详解) and move focus to what follows. */
  S.reveal = function (qa, moveFocus) {
    const last = qa.detail.length ? 2 : 1;
    if (qa.step >= last) return false;
    qa.step += 1;
    paintQA(qa);
    if (moveFocus) {
      const next = qa.step < last ? qa.detailButton : qa.step === 1 ? qa.short : qa.detail[0];
      if (!next.matches("button")) next.setAttribute("tabindex", "-1");
      next.focus({ preventScroll: true });
      next.scrollIntoView({ block: "nearest" });
    }
    return true;
  };

  /** Self-test is on by the reader's switch, or for this page only during a review or mock interview. */
  const selfTesting = (page) => page.forceSelfTest || S.selfTestOn();

  function applySelfTest(page) {
    if (!page.qas.length) return;
    const on = selfTesting(page);
    page.article.classList.toggle("study-selftest", on);
    page.qas.forEach((qa) => { qa.step = on ? 0 : 2; paintQA(qa); });
    if (page.toggle) page.toggle.textContent = on ? "显示答案" : "隐藏答案";
  }

  function toggleSelfTest(page) {
    if (!page.qas.length) return;
    page.forceSelfTest = false;
    S.setSelfTest(!S.selfTestOn());
    applySelfTest(page);
    S.say(S.selfTestOn() ? "自测模式：答案已隐藏，按 a 或点「显示简答」逐步查看" : "答案已全部显示");
  }

  /** A link to a heading inside a hidden answer shows that answer first. */
  function revealTarget(hash) {
    const page = S.page;
    if (!page || !hash || hash.length < 2) return;
    let target = null;
    try { target = document.getElementById(decodeURIComponent(hash.slice(1))); } catch (err) { return; }
    const hidden = target && target.closest(".study-concealed");
    const qa = hidden && page.qas.find((one) => one.short === hidden || one.detail.includes(hidden));
    if (qa) { qa.step = 2; paintQA(qa); }
  }

  window.addEventListener("hashchange", () => revealTarget(location.hash));
  // Clicking a link to a heading inside a hidden answer (e.g. in the table of contents)
  // reveals it before Material scrolls there.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("a[href*='#']");
    if (link && S.page && S.absolute(link.href) === S.absolute(location.href)) revealTarget(new URL(link.href).hash);
  }, true);

  /** The question a key acts on: the page's own, the one j / k stopped at, or the first hidden. */
  S.currentQA = function (page) {
    if (page.qid) return page.qas[0];
    if (page.current) return page.qas.find((qa) => qa.id === page.current.id && page.current.el.contains(qa.short));
    return page.qas.find((qa) => qa.step < 1 && !qa.short.closest("[hidden]"));
  };

  function questionAnswer(page) {
    const article = page.article;
    const short = [...article.children].find((node) => node.matches("p") &&
      node.firstElementChild && node.firstElementChild.matches("strong") &&
      node.firstElementChild.textContent.trim() === "简答" && node.textContent.trim().startsWith("简答"));
    if (!short) return;
    const detail = [];
    for (let node = short.nextElementSibling; node; node = node.nextElementSibling) {
      if (node.matches(".qa-pager") || (node.matches("h2") && node.id === "相关问题")) break;
      if (!node.matches(".study-reveal-slot")) detail.push(node);
    }
    page.qas.push(S.makeQA(page.qid, short, detail));
  }

  S.feature({
    setup(page) {
      if (page.kind === "question") questionAnswer(page);
      if (page.kind === "topic") {
        for (const short of page.article.querySelectorAll(".qa-list li .qa-short")) {
          const link = short.closest("li").querySelector("a.qa-link[data-qid]");
          if (link) page.qas.push(S.makeQA(link.dataset.qid, short, []));
        }
      }
      if (!page.qas.length) return;
      page.toggle = S.button("隐藏答案", { class: "study-button study-toggle", title: "自测：先隐藏答案，想好再看（h）" },
        () => toggleSelfTest(page));
      page.row.append(page.toggle);
    },
    ready(page) {
      applySelfTest(page);
      revealTarget(location.hash);
    },
    keys: {
      h: (page) => toggleSelfTest(page),
      a: (page) => { const qa = S.currentQA(page); if (qa) S.reveal(qa, true); },
    },
  });
})();

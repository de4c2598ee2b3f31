/*
 * Study mode, the keyboard-shortcuts popover (「快捷键」 button or ?). The button is hidden on
 * touch screens (study.css), where there is no keyboard to use it with.
 */
(function () {
  "use strict";
  const S = window.studyBank;
  if (!S || !S.feature || S.showHelp) return;

  const SHORTCUTS = [["h", "隐藏 / 显示答案"], ["a", "显示下一步答案（先简答，后详解）"],
    ["1 / 2 / 3 / 4", "看过答案后评分：忘了 / 模糊 / 记得 / 很熟"], ["j / k", "下一题 / 上一题"],
    ["m", "标记或取消「已掌握」"], ["r", "标记或取消「待复习」"], ["g", "随机一题（未掌握的）"],
    ["?", "打开 / 关闭本说明"], ["Esc", "关闭本说明"]];

  function helpPopover() {
    const id = "study-help";
    const list = S.el("dl", {}, SHORTCUTS.flatMap(([key, what]) =>
      [S.el("dt", {}, key.split(" / ").flatMap((k, i) => (i ? [" / ", S.el("kbd", { text: k })] : [S.el("kbd", { text: k })]))),
        S.el("dd", { text: what })]));
    const panel = S.el("div", { class: "study-help", id: id, role: "dialog", "aria-label": "键盘快捷键", hidden: true },
      [S.el("p", { class: "study-help-title", text: "键盘快捷键" }), list,
        S.button("关闭", { class: "study-button study-help-close" }, () => S.showHelp(false))]);
    const opener = S.button("快捷键", { class: "study-button study-help-button", "aria-expanded": "false",
      "aria-controls": id, title: "键盘快捷键（?）" }, () => S.showHelp(panel.hidden));
    return { opener: opener, panel: panel };
  }

  S.showHelp = function (open) {
    const page = S.page;
    if (!page || !page.help) return;
    const { panel, opener } = page.help;
    panel.hidden = !open;
    opener.setAttribute("aria-expanded", String(open));
    if (!open) return;
    // just under its button, kept inside the toolbar (both measured from the toolbar's edge)
    const room = page.toolbar.clientWidth - panel.offsetWidth;
    panel.style.top = opener.offsetTop + opener.offsetHeight + 4 + "px";
    panel.style.left = Math.max(0, Math.min(opener.offsetLeft, room)) + "px";
    panel.querySelector("button").focus();
  };

  const helpOpen = (page) => page.help && !page.help.panel.hidden;

  // Escape closes the popover even while a control inside it has the focus.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !S.page || !helpOpen(S.page)) return;
    S.showHelp(false);
    S.page.help.opener.focus();
  });
  document.addEventListener("click", (event) => {
    if (S.page && helpOpen(S.page) && event.target instanceof Element &&
        !event.target.closest(".study-help, .study-help-button")) {
      S.showHelp(false);
    }
  }, true);

  S.feature({
    setup(page) {
      if (page.kind === "mock") return;
      page.help = helpPopover();
      page.row.append(page.help.opener, page.help.panel);
      if (page.meter) page.row.append(page.meter); // the topic's progress goes at the end of the row
    },
    keys: {
      "?": (page) => S.showHelp(!helpOpen(page)),
    },
  });
})();

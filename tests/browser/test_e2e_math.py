"""Formulas as a reader sees them: typeset by KaTeX at build time, drawn with KaTeX's fonts."""
from __future__ import annotations

from e2e import FORMULA_PAGE, artifact, pages_with_math, tab

# Opens every <details> and visits every tab of a tabbed set, so that formulas a reader can
# reveal are measured too; returns the formulas with no rendered size.
MEASURE = """
() => {
  for (const details of document.querySelectorAll("details")) details.open = true;
  const empty = new Set();
  const measure = () => {
    for (const el of document.querySelectorAll(".katex")) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) empty.delete(el); else if (!el.dataset.e2eSeen) empty.add(el);
      el.dataset.e2eSeen = el.dataset.e2eSeen || (box.width > 0 && box.height > 0 ? "1" : "");
    }
  };
  measure();
  for (const input of document.querySelectorAll(".tabbed-set > input")) { input.click(); measure(); }
  const mainFont = [...document.fonts].some(f => f.family.replace(/"/g, "") === "KaTeX_Main" && f.status === "loaded");
  return {
    count: document.querySelectorAll(".katex").length,
    empty: [...empty].map(el => (el.querySelector("annotation") || el).textContent.slice(0, 80)),
    errors: [...document.querySelectorAll(".katex-error")].map(el => el.textContent.slice(0, 80)),
    mainFont,
  };
}
"""


def test_every_formula_on_every_page_is_drawn(browser, site_url, real_site):
    """KaTeX's output is HTML and CSS made at build time: its size depends on the stylesheet and
    the fonts, not on scripts. The pages load here without JavaScript, five times faster (the
    theme's scripts and the search worker start on every load); the formula page below, and
    the layout tests, run with it."""
    # print sheets repeat the question pages' formulas:
    # one sheet is measured for the print stylesheet, the PDF tests read the printed ones
    with_math = pages_with_math(real_site)
    pages = [p for p in with_math if not p.startswith("print/")] + [p for p in with_math if p.startswith("print/")][:1]
    assert len(pages) > 20
    problems, formulas = [], 0
    with tab(browser, java_script_enabled=False) as page:
        for path in pages:
            page.goto(site_url + path)
            page.evaluate("() => document.fonts.ready")
            found = page.evaluate(MEASURE)
            formulas += found["count"]
            if found["empty"] or found["errors"] or not found["mainFont"] or not found["count"]:
                problems.append(f"{path}: {found}")
    print(f"\nmath: {formulas} formulas on {len(pages)} pages")
    assert not problems, "\n".join(problems[:20])


def test_formula_page_looks_typeset(browser, site_url):
    """What the screenshot showed when this test was written (test-artifacts/formula-page.png):

    under 详解 › 1. 完整公式 the display formula Attention(Q,K,V) = softmax(QKᵀ/√d_k + M) V
    sits centred on its own line: QKᵀ over √d_k with a horizontal fraction bar, the radical's
    hook and bar drawn over d_k, the subscript k lowered and smaller, upright "Attention" and
    "softmax", italic Q, K, V, M, brackets stretched to the fraction's height; the table below
    it shows Q, n×d_k … in math type; inline formulas in the 简答 (q·k, d_k, √d_k) sit on the
    text baseline at about the size of the text around them. Nothing is raw TeX, nothing red.
    """
    with tab(browser, viewport={"width": 1000, "height": 900}) as page:
        page.goto(site_url + FORMULA_PAGE)
        page.evaluate("() => document.fonts.ready")
        page.screenshot(path=artifact("formula-page.png"), full_page=True)
        display = page.locator(".katex-display", has=page.locator(".frac-line")).first
        display.scroll_into_view_if_needed()
        display.screenshot(path=artifact("formula-display.png"))
        shape = display.evaluate("""d => {
          const box = e => e.getBoundingClientRect();
          const content = d.closest("article");
          const line = parseFloat(getComputedStyle(content).lineHeight) || 20;
          const k = d.querySelector(".katex"), bar = d.querySelector(".frac-line"), root = d.querySelector(".sqrt svg");
          const mathFont = [...d.querySelectorAll(".mord.mathnormal")].map(e => getComputedStyle(e).fontFamily);
          return {
            height: box(k).height, line,
            centred: Math.abs((box(k).left + box(k).right) / 2 - (box(d).left + box(d).right) / 2) < 4,
            bar: bar && box(bar).width > 10 && box(bar).height > 0,
            root: root && box(root).width > 5 && box(root).height > 5,
            lowered: [...d.querySelectorAll(".msupsub")].length > 0,
            italic: mathFont.length > 0 && mathFont.every(f => f.includes("KaTeX_Math")),
            tex: d.nextElementSibling && d.nextElementSibling.textContent || "",
          };
        }""")
        assert shape["height"] > 1.5 * shape["line"], shape  # a fraction is taller than a line of text
        assert shape["centred"] and shape["bar"] and shape["root"] and shape["lowered"] and shape["italic"], shape
        inline = page.locator("article p .katex").first
        assert 0.6 < inline.evaluate("k => k.getBoundingClientRect().height / parseFloat(getComputedStyle(k.parentElement).fontSize)") < 2.5
        assert page.locator(".katex-error").count() == 0

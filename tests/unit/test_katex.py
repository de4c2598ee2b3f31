"""The long-lived KaTeX renderer and how formulas are kept out of the search index."""
import re
import subprocess

import pytest

from support import FIXTURE_BANK, scratch_project
from studybank.katex import RENDERER, KatexRenderer, put_back, set_aside


def test_renders_inline_and_display_math():
    inline = RENDERER.render(r"\sqrt{d_k}", False)
    display = RENDERER.render(r"\sqrt{d_k}", True)
    assert 'class="katex"' in inline and "katex-display" not in inline
    assert "katex-display" in display
    assert inline.endswith(r"<bank-tex hidden>\sqrt{d_k}</bank-tex>")


def test_rejects_bad_tex_with_katex_message():
    with pytest.raises(ValueError, match="KaTeX parse error"):
        RENDERER.render(r"\frac{a", False)


def test_formulas_are_set_aside_for_indexing_and_put_back():
    page = "<p>a " + RENDERER.render("x^2", False) + " b " + RENDERER.render("y", True) + "</p>"
    stripped, formulas = set_aside(page)
    assert 'class="katex' not in stripped and len(formulas) == 2
    assert "<bank-tex hidden>x^2</bank-tex>" in stripped
    assert put_back(stripped, formulas) == page


# A stand-in for katex_worker.js that hangs on "hang", dies on "die", writes a line too many on
# "garble" and renders the rest, so the renderer's recovery is tested without finding a formula
# that really kills KaTeX.
FRAGILE_WORKER = r"""
const readline = require("readline");
process.stdout.write(JSON.stringify({ version: "test" }) + "\n");
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { tex } = JSON.parse(line);
  if (tex === "hang") { for (;;) {} }
  if (tex === "die") { process.exit(134); }
  if (tex === "garble") {  // the line too many, then the answers after it a moment later
    process.stdout.write("not JSON\n");
    for (const start = Date.now(); Date.now() - start < 300;) {}
  }
  process.stdout.write(JSON.stringify({ html: "<b>" + tex + "</b>" }) + "\n");
});
"""


@pytest.fixture
def fragile_renderer(tmp_path):
    worker = tmp_path / "worker.js"
    worker.write_text(FRAGILE_WORKER, encoding="utf-8")
    return KatexRenderer(worker=worker, time_limit=1.0)


@pytest.mark.parametrize("killer, reason", [("hang", "took longer than 1 s"), ("die", "ran out of memory")])
def test_a_formula_that_hangs_or_kills_the_worker_is_reported_and_the_rest_render(fragile_renderer, killer, reason):
    assert "<b>a</b>" in fragile_renderer.render("a", False)
    with pytest.raises(ValueError, match=reason):
        fragile_renderer.render(killer, False)
    assert "<b>b</b>" in fragile_renderer.render("b", False)


@pytest.mark.parametrize("killer, reason", [("hang", "took longer than 1 s"), ("die", "ran out of memory")])
def test_rendering_ahead_reports_the_formula_that_stopped_the_worker_and_renders_the_rest(fragile_renderer, killer, reason):
    fragile_renderer.render_many([("a", False), ("b", True), (killer, False), ("c", False)])
    assert fragile_renderer.rendered == 3  # the worker stopped at the killer, which is not run twice
    assert "<b>a</b>" in fragile_renderer.render("a", False) and "<b>b</b>" in fragile_renderer.render("b", True)
    with pytest.raises(ValueError, match=reason):
        fragile_renderer.render(killer, False)
    assert fragile_renderer.rendered == 3  # all three from the cache
    assert "<b>c</b>" in fragile_renderer.render("c", False)  # by a fresh worker


def test_a_worker_out_of_step_after_a_failed_batch_is_not_used_again(fragile_renderer):
    """An answer that is not JSON ends the batch with an error; the worker, which still owes
    answers, must not serve the next formula, or it would get another formula's HTML."""
    with pytest.raises(ValueError):
        fragile_renderer.render_many([("a", False), ("garble", False), ("b", False), ("c", False)])
    assert "<b>d</b>" in fragile_renderer.render("d", False)
    assert "<b>b</b>" in fragile_renderer.render("b", False)


def test_rendering_ahead_gives_what_rendering_one_by_one_gives():
    formulas = [(r"\sqrt{d_k}", False), (r"\sum_i x_i", True), (r"\frac{a", False), (r"\sqrt{d_k}", False)]
    ahead = KatexRenderer()
    ahead.render_many(formulas)
    assert ahead.rendered == 3  # each formula once
    for tex, display in formulas:
        try:
            expected = RENDERER.render(tex, display)
        except ValueError as err:
            with pytest.raises(ValueError, match=re.escape(str(err))):
                ahead.render(tex, display)
        else:
            assert ahead.render(tex, display) == expected
    assert ahead.rendered == 3


def test_an_oversized_formula_is_reported_without_rendering(fragile_renderer):
    with pytest.raises(ValueError, match="formula of 5001 characters; at most 5000"):
        fragile_renderer.render("x" * 5001, False)
    assert fragile_renderer.rendered == 0


def test_a_build_starts_no_katex_command(tmp_path, monkeypatch):
    """markdown-katex's option probe (`npx --no-install katex --help`) never runs: the fixture
    bank builds strict in a folder without node_modules while every new process fails to start."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    RENDERER.render("x", False)  # the build's one KaTeX worker, started before the ban
    project = scratch_project(tmp_path / "project", FIXTURE_BANK / "content")
    started = []

    def refuse(args, *more, **options):
        started.append(args)
        raise OSError(f"no new process may start here: {args}")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.chdir(project)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True))
    page = (project / "site/basics/attention/index.html").read_text(encoding="utf-8")
    assert page.count('class="katex"') == 2 and "katex-error" not in page
    # the one process a build asks for is git, for the sheets' version stamp ("dev" without it)
    assert {args[0] for args in started} <= {"git"}


def test_punctuation_after_an_inline_formula_stays_on_its_line():
    import markdown

    from studybank.katex import install

    install()
    page = markdown.Markdown(extensions=["markdown_katex"]).convert(
        "方差是 $`d_k`$。再除以 $`\\sqrt{d_k}`$，就稳定了 $`x`$ 吗")
    kept = re.findall(r'<span class="qa-nowrap"><bank-math>.*?</bank-tex>(.*?)</span>', page, re.S)
    assert kept == ["。", "，"]
    assert page.endswith("</bank-tex> 吗</p>")  # no punctuation, nothing to keep together


def test_a_page_preloads_the_katex_fonts_its_formulas_use():
    from studybank.katex import fonts_used, preload_fonts
    assert fonts_used([]) == []
    formulas = ['<bank-math><span class="katex"><span class="mord mathnormal">x</span>'
                '<span class="sizing reset-size6 size3">2</span><span class="delimsizing size1">(</span></span></bank-math>']
    assert fonts_used(formulas) == ["KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2", "KaTeX_Size1-Regular.woff2"]
    page = '<html><head></head><body><p class="mathbb">not a formula</p><bank-math data-i="0"></bank-math></body></html>'
    preloaded = preload_fonts(page, formulas, "../assets/katex/fonts")
    assert '<link rel="preload" href="../assets/katex/fonts/KaTeX_Size1-Regular.woff2" as="font" type="font/woff2" crossorigin></head>' \
        in preloaded
    assert "AMS" not in preloaded  # classes outside formulas do not count
    assert preload_fonts(page, [], "../assets/katex/fonts") == page

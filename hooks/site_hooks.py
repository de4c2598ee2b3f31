"""MkDocs adapter: load the bank once per build, report problems, add generated pages.

All bank logic lives in the `studybank` package; these handlers only pass data along.
Sibling modules are imported at the top: MkDocs puts this folder on sys.path only while
it first executes this file.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studybank import katex, pages, printing, search, sheets, study
from studybank.load import load_bank
from studybank.validate import validate

log = logging.getLogger("mkdocs.hooks.studybank")
KATEX_ASSETS = "assets/katex"
state: dict = {}


def on_config(config):
    content = Path(config.config_file_path).parent / "content"
    katex.install()
    bank, problems = load_bank(content)
    try:
        problems += validate(bank, katex.RENDERER.render)
    except katex.KatexUnavailable as err:
        raise PluginError(f"cannot render formulas: {err}") from None
    for problem in problems:
        log.error(str(problem))
    search.add_to_jieba(search.dictionary_words(bank))
    config.nav = pages.site_nav(bank)
    state.update(bank=bank, problems=problems)
    return config


def on_files(files, config):
    generated = pages.site_pages(state["bank"], state["problems"])
    # print pages behind the PDF study sheets (pdf.py); not in the nav, not in search
    date, version = sheets.build_stamp(Path(config.config_file_path).parent)
    generated.update(printing.print_pages(state["bank"], date, version))
    for path, text in generated.items():
        files.append(File.generated(config, path, content=text))
    # what study mode reads: the question list, and ts-fsrs, which schedules reviews
    files.append(File.generated(config, study.BANK_SCRIPT,
                                content=study.bank_script(state["bank"], config.use_directory_urls)))
    if not study.FSRS_BUILD.exists():
        raise PluginError("npm package ts-fsrs is missing (run `make install`)")
    files.append(File.generated(config, study.FSRS_SCRIPT, abs_src_path=str(study.FSRS_BUILD)))
    for asset in sorted(p for p in katex.KATEX_DIST.rglob("*") if p.is_file()):
        relative = asset.relative_to(katex.KATEX_DIST).as_posix()
        if relative == "katex.min.css" or relative.startswith("fonts/"):
            files.append(File.generated(config, f"{KATEX_ASSETS}/{relative}", abs_src_path=str(asset)))
    return files


@event_priority(100)  # before Material's search plugin indexes the page
def on_page_context(context, page, config, nav):
    page.content, state["formulas"] = katex.set_aside(page.content)
    return context


def on_post_page(output, page, config):
    return pages.label_theme_widgets(katex.put_back(output, state.pop("formulas", [])))

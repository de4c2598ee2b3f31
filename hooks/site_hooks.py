"""MkDocs adapter: load the bank once per build, report problems, add generated pages.

All bank logic lives in the `studybank` package; these handlers only pass data along.
Sibling modules are imported at the top: MkDocs puts this folder on sys.path only while
it first executes this file.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, get_files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from studybank import (downloads, forked, jinjacache, katex, memo, offline, pagecache, pages, printfont,
                       printing, searchindex, sheetanswers, sheets, study, templatecache)
from studybank.load import load_bank
from studybank.validate import bank_formulas, validate

log = logging.getLogger("mkdocs.hooks.studybank")
KATEX_ASSETS = "assets/katex"
MINISEARCH = "assets/minisearch/minisearch.js"  # the search worker's engine, served like KaTeX
state: dict = {}


def on_startup(command, dirty):
    # kept in the package: `mkdocs serve` loads this file again for every rebuild
    downloads.SESSION["serving"] = command == "serve"


def on_config(config):
    memo.new_build()
    content = Path(config.config_file_path).parent / "content"
    katex.install()
    # Named here rather than in mkdocs.yml: MkDocs loads every extension listed there while it
    # checks the config, before any hook runs, and markdown-katex probes for a katex command
    # as it loads unless install() came first. The site serves the KaTeX stylesheet itself.
    config.markdown_extensions.append("markdown_katex")
    config.mdx_configs["markdown_katex"] = {"insert_fonts_css": False}
    bank, problems = load_bank(content)
    # the search worker's index (docs/assets/javascripts/search/worker.js), from the bank and
    # the hand-written pages; a first build makes it in a second process from here on, while
    # this one waits for the formulas and converts pages (taken at on_env)
    generated = pages.page_paths(bank)  # a page of docs/ that the bank makes is replaced (on_files)
    handwritten = [(f.url, f.content_string) for f in get_files(config).documentation_pages()
                   if f.src_uri not in generated and not sheets.is_print_page(f.src_uri)]
    state["index_script"] = searchindex.bank_index_script_later(bank, handwritten, config.use_directory_urls)
    try:
        katex.RENDERER.render_many(bank_formulas(bank))  # validation then finds each in the cache
        problems += validate(bank, katex.RENDERER.render)
    except katex.KatexUnavailable as err:
        raise PluginError(f"cannot render formulas: {err}") from None
    for problem in problems:
        log.error(str(problem))
    config.nav = pages.site_nav(bank)
    # Material's offline plugin (configured before hooks run) asks for a worker shim from a CDN
    config.extra["polyfills"], state["worker_shim"] = offline.local_polyfills(config.extra.get("polyfills", []))
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
    files.append(File.generated(config, study.STUDY_SCRIPT, content=study.study_script(Path(config.docs_dir))))
    state["index_file"] = File.generated(config, searchindex.INDEX_JS, content="")  # filled in at on_env
    files.append(state["index_file"])
    files.append(File.generated(config, MINISEARCH, abs_src_path=str(searchindex.MINISEARCH_DIST)))
    for asset in sorted(p for p in katex.KATEX_DIST.rglob("*") if p.is_file()):
        relative = asset.relative_to(katex.KATEX_DIST).as_posix()
        if relative == "katex.min.css" or relative.startswith("fonts/"):
            files.append(File.generated(config, f"{KATEX_ASSETS}/{relative}", abs_src_path=str(asset)))
    # the Chinese font sheets print with (linked by the print pages, on_post_page)
    font_css, font_files = printfont.stylesheet()
    files.append(File.generated(config, printfont.STYLESHEET, content=font_css))
    for font in font_files:
        files.append(File.generated(config, f"{printfont.SITE_DIR}/{font.name}", abs_src_path=str(font)))
    if state["worker_shim"]:
        files.append(File.generated(config, offline.SHIM_ON_SITE, abs_src_path=str(offline.SHIM)))
    if downloads.SESSION["serving"]:  # the PDFs and Anki deck of the last `make site` (downloads.py)
        made = downloads.made(Path(config.config_file_path).parent / "site")
        for path, source in made.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        state["downloads"] = set(made)
    return files


def on_build_error(error):
    forked.stop_all()  # a failed build leaves no copy of itself working on (forked.py)


def on_nav(nav, config, files):
    # every plugin has added its files by now: the site's files are final
    config_text = Path(config.config_file_path).read_text(encoding="utf-8")
    markdown_setup = repr([config.markdown_extensions, config.mdx_configs])
    state["site_key"] = pagecache.site_key(config_text, markdown_setup, config.use_directory_urls,
                                           [(f.src_uri, f.url) for f in files])
    pagecache.convert_half_in_fork(files.documentation_pages(), lambda file: _convert(file, config, files))
    state["nav"] = nav
    return nav


def _templated(page, config, doc_files, nav, env):
    """A page's template output, made the way MkDocs's build loop makes it
    (mkdocs.commands.build._build_page, up to `template.render`)."""
    config._current_page, page.active = page, True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return template.render(context)
    finally:
        config._current_page, page.active = None, False


def _convert(file, config, files):
    """A page taken as far as its conversion, the way MkDocs's build loop takes it
    (mkdocs.commands.build: `Page` for a page not in the nav, then `_populate_page`)."""
    page = file.page or Page(None, file, config)
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)


def on_pre_page(page, config, files):
    # MkDocs converts a page in Page.render and has no event that could stand in for it, so
    # the page's own render is wrapped: an unchanged page takes the last build's HTML
    convert = page.render
    page.render = lambda config, files: pagecache.render(page, state["site_key"], lambda: convert(config, files),
                                                         files.get_file_from_path)
    return page


def on_env(env, config, files):
    state.pop("index_file").content_string = state.pop("index_script")()
    env.bytecode_cache = jinjacache.COMPILED
    env.globals["pruned_nav_html"] = {}  # overrides/partials/nav-item.html: this build's pruned sections
    # every page is converted: pages whose templated HTML is unchanged skip the template
    overrides = Path(config.theme.custom_dir)
    templates = [(p.relative_to(overrides).as_posix(), p.read_bytes()) for p in overrides.rglob("*") if p.is_file()]
    nav, doc_files = state.pop("nav"), files.documentation_pages()
    doc_pages = [f.page for f in doc_files]
    _fill_sheets(doc_pages, files)
    shared = templatecache.shared_key(state["site_key"], nav.items, doc_pages, templates)
    state["template_keys"] = {p.file.src_uri: templatecache.page_key(shared, p) for p in doc_pages}
    templatecache.choose(doc_pages, state["template_keys"], lambda page: _templated(page, config, doc_files, nav, env))
    return env


def _fill_sheets(doc_pages, files):
    """Each print sheet's answers from the converted question pages (sheetanswers.py)."""
    answers = {}
    for q in state["bank"].questions:
        page = files.get_file_from_path(q.page_path).page
        try:
            answers[q.id] = (page.url, sheetanswers.answer(page.content))
        except sheetanswers.SheetError as err:
            raise PluginError(f"{q.page_path}: {err}") from None
        page.content = sheetanswers.without_marks(page.content)
    for page in (p for p in doc_pages if sheets.is_print_page(p.file.src_uri)):
        try:
            page.content = sheetanswers.fill(page.content, answers, page.url, lambda url: get_relative_url(url, page.url))
        except sheetanswers.SheetError as err:
            raise PluginError(f"{page.file.src_uri}: {err}") from None


@event_priority(100)  # before Material's search plugin indexes the page
def on_page_context(context, page, config, nav):
    page.content, state["formulas"] = katex.set_aside(page.content)
    # Material's index stays empty: the site's search worker reads search/bank_index.js
    page.meta["search"] = {"exclude": True}
    return context


@event_priority(100)  # before any plugin's: a kept page's template printed nothing (templatecache)
def on_post_page(output, page, config):
    key = state["template_keys"].pop(page.file.src_uri, None)  # None: a draft page `mkdocs serve` shows
    output = output if key is None else templatecache.templated(page, key, output)
    formulas = state.pop("formulas", [])
    if sheets.is_print_page(page.file.src_uri):  # the PDF step loads every KaTeX font itself
        formulas = katex.without_mathml(formulas)
        output = printfont.link_into(output, get_relative_url(printfont.STYLESHEET, page.url))
    else:
        output = katex.preload_fonts(output, formulas, get_relative_url(f"{KATEX_ASSETS}/fonts", page.url))
    output = pages.label_theme_widgets(katex.put_back(output, formulas))
    if not config.use_directory_urls:  # the offline zip (Material's offline plugin)
        output = downloads.relink_for_file_urls(output, page.file.name == "index")
    return downloads.unlink_missing(output, state["downloads"]) if downloads.SESSION["serving"] else output

"""Download links in the preview (`mkdocs serve`) and in the offline zip."""
from __future__ import annotations

from studybank.downloads import made, relink_for_file_urls, unlink_missing

TOPIC_PAGE = ('<p><a class="md-button" href="../pdf/basics.pdf" type="application/pdf">打印版 PDF</a> '
              '<a class="md-button" href="../pdf/basics-quiz.pdf" type="application/pdf">自测版 PDF</a></p>')
GUIDE = '<a href="../llm-interview-bank.apkg" download>下载 Anki 卡组</a> <a href="../basics/">基础</a>'


def test_preview_keeps_links_to_made_files_and_says_how_to_make_the_others():
    html = unlink_missing(TOPIC_PAGE + GUIDE, {"pdf/basics.pdf"})
    assert 'href="../pdf/basics.pdf"' in html
    assert "basics-quiz.pdf" not in html and "llm-interview-bank.apkg" not in html
    assert html.count("make site") == 2 and "自测版 PDF" in html and "下载 Anki 卡组" in html
    assert '<a href="../basics/">基础</a>' in html  # other links untouched


def test_made_lists_the_pdfs_and_the_deck_of_the_last_make_site(tmp_path):
    assert made(tmp_path) == {}
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "basics.pdf").write_bytes(b"%PDF")
    (tmp_path / "llm-interview-bank.apkg").write_bytes(b"deck")
    assert set(made(tmp_path)) == {"pdf/basics.pdf", "llm-interview-bank.apkg"}


def test_offline_pages_link_downloads_one_folder_up_less_except_index_pages():
    assert 'href="llm-interview-bank.apkg"' in relink_for_file_urls(GUIDE, index_page=False)
    assert 'href="../basics/"' in relink_for_file_urls(GUIDE, index_page=False)  # not a download
    assert relink_for_file_urls(TOPIC_PAGE, index_page=True) == TOPIC_PAGE

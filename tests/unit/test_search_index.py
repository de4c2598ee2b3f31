"""The index the search worker reads: fields to rank by, and previews a reader can read."""
import json

from studybank.load import load_bank
from studybank.model import Question
from studybank.search import add_to_jieba, dictionary_words
from studybank.searchindex import index_script, search_index, tex_text, words


def index_of(content, handwritten=()):
    bank, _ = load_bank(content)
    add_to_jieba(dictionary_words(bank))
    return bank, {doc["url"]: doc for doc in search_index(bank, list(handwritten))["docs"]}


def test_one_entry_per_question_and_topic_page(bank_copy):
    _, docs = index_of(bank_copy, [("guide/", "---\ntitle: 使用指南\n---\n\n# 使用指南\n\n按主题读。\n")])
    assert set(docs) == {"basics/attention/", "basics/multi-head/", "math/softmax/",
                         "basics/", "math/", "guide/"}
    assert docs["guide/"]["title"] == "使用指南" and docs["guide/"]["kind"] == "listing"
    assert "title" not in docs["guide/"]["preview"]  # front matter is not text


def test_question_fields_carry_other_names_but_the_preview_shows_only_the_short_answer(bank_copy):
    _, docs = index_of(bank_copy)
    doc = docs["basics/attention/"]
    assert doc["kind"] == "question" and doc["tags"] == ["注意力机制"]
    assert doc["preview"] == "注意力按查询与键的相似度，对值向量加权求和。"
    fields = doc["fields"]
    assert "注意力" in fields["title"].split() and "注意力" in fields["aliases"].split()
    # tags.yml's English name and the glossary terms that relate to the question
    assert {"attention", "rope", "rotary", "旋转位置编码"} <= set(fields["keywords"].split())
    assert fields["headings"].split() == ["详解", "追问"]
    assert "mathrm" not in fields["body"] and "\\" not in fields["body"]  # no TeX in the words


def test_listing_entries_do_not_repeat_the_answers(bank_copy):
    _, docs = index_of(bank_copy)
    topic = docs["basics/"]
    assert topic["kind"] == "listing"
    assert "加权" not in topic["fields"]["body"]  # the 简答 shown on the topic page is not indexed there


def test_formulas_in_previews_become_text_not_tex():
    assert tex_text(r"\mathrm{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right)V") == "softmax(QK^⊤/√(d_k))V"
    assert tex_text(r"k_2=\tfrac12(\log r)^2") == "k_2=1/2(log r)^2"
    assert tex_text(r"D_{\mathrm{KL}}(p\|q)") == "D_KL(p‖q)"


def test_preview_of_a_short_answer_with_a_formula(bank_copy):
    bank, _ = load_bank(bank_copy)
    q = Question(id="x", topic="basics", path="content/basics/x.md", title="为什么除以根号 dk？",
                 body="**简答**：点积的方差是 $`d_k`$，除以 $`\\sqrt{d_k}`$ 拉回 1。\n\n## 详解\n\n正文。\n",
                 body_line=1)
    bank.topics[0].questions.append(q)
    add_to_jieba(dictionary_words(bank))
    doc = next(d for d in search_index(bank, [])["docs"] if d["url"] == "basics/x/")
    assert doc["preview"] == "点积的方差是 d_k，除以 √(d_k) 拉回 1。"


def test_words_keep_model_names_and_numbers_whole_and_split_at_symbols():
    assert words("pass^k 8/3 FP8 Llama3.1 torch.nn 0.5") == "pass k 8 3 fp8 llama3.1 torch nn 0.5"


def test_index_script_is_utf8_without_escapes(bank_copy):
    bank, _ = load_bank(bank_copy)
    script = index_script(search_index(bank, []))
    assert script.startswith("self.bankSearchIndex = ") and "注意力" in script
    assert "\\u" not in script
    json.loads(script[len("self.bankSearchIndex = "):].rstrip().rstrip(";"))

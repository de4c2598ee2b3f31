/* The site's search worker, in place of Material's (see overrides/main.html).
 *
 * Material's search box talks to a worker with four messages: SETUP (answered with READY),
 * then QUERY (answered with RESULT: pages, each a list whose first entry is the page itself).
 * This worker answers them from the bank's own index (search/bank_index.js, built by
 * hooks/studybank/searchindex.py) with MiniSearch, and ranks with query.js. The index is
 * loaded when the reader opens the search box (open.js) or first types, not with the page
 * (Material sends the empty box's query as the page loads). From file:// Material runs this script in an
 * iframe (iframe-worker); importScripts then loads scripts into that frame, relative to the
 * script's own address.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const FIELDS = ["title", "aliases", "keywords", "headings", "body"];
const BOOST = { title: 5, aliases: 4, keywords: 2.5, headings: 1.5, body: 1 };
const HAN_WORD = /^[\u3400-\u9fff]+$/u;
const OPEN_CHANNEL = "bank-search-open";

let engine;  // the loaded index, once loadEngine() has finished
let loading;  // loadEngine()'s promise: the index is loaded once, whoever asks first

function scriptAddress() {
  const tag = typeof document !== "undefined" && document.querySelector("script[src]");
  return tag ? tag.src : self.location.href;
}

function loadEngine() {
  loading ||= (async () => {
    const at = path => new URL(path, scriptAddress()).href;
    await importScripts(at("../../minisearch/minisearch.js"), at("query.js"), at("../../../search/bank_index.js"));
    const docs = self.bankSearchIndex.docs;
    const vocabulary = new Set();
    const index = new MiniSearch({
      fields: FIELDS,
      tokenize: text => text.split(" "),
      processTerm: term => term || null,
    });
    index.addAll(docs.map((doc, id) => {
      for (const field of FIELDS)
        for (const word of doc.fields[field].split(" "))
          if (HAN_WORD.test(word)) vocabulary.add(word);
      return { id, ...doc.fields };
    }));
    engine = { docs, index, vocabulary };
  })();
  return loading;
}

// open.js says on this channel when the reader opens the search box: loading starts then,
// while they type. (From file:// the channel may not carry it: the first query loads.)
if (typeof BroadcastChannel !== "undefined")
  new BroadcastChannel(OPEN_CHANNEL).onmessage = () => loadEngine();

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* Text with the words the page matched marked, longest first so 注意力 wins over 注意; an
 * English word only as a whole word, so "k" marks k, not every k inside a word. */
function highlight(text, words) {
  const sorted = [...words].sort((a, b) => b.length - a.length)
    .map(word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .map(word => HAN_WORD.test(word) ? word : `(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`);
  const html = escapeHTML(text);
  return sorted.length ? html.replace(new RegExp(sorted.join("|"), "giu"), "<mark>$&</mark>") : html;
}

function search(query) {
  const { docs, index, vocabulary } = engine;
  const parsed = self.bankSearchQuery.parse(query, vocabulary);
  if (!parsed.length) return { items: [] };
  const pagesWith = t => index.search(t.term, { tokenize: text => [text], prefix: t.prefix }).length;
  const terms = self.bankSearchQuery.weigh(parsed, pagesWith, docs.length);
  const byTerm = new Map(terms.map(t => [t.term, t]));
  const found = index.search(terms.map(t => t.term).join(" "), {
    tokenize: text => text.split(" "),
    prefix: term => byTerm.get(term).prefix,
    boostTerm: term => byTerm.get(term).weight,
    boost: BOOST,
  });
  const shown = terms.filter(t => !t.weak);  // the words a result may be shown to lack
  return {
    items: self.bankSearchQuery.rank(found.map(r => ({ ...r, kind: docs[r.id].kind })), terms).map(r => {
      const doc = docs[r.id];
      return [{
        location: doc.url,
        title: highlight(doc.title, r.terms),
        text: highlight(doc.preview, r.terms),
        tags: doc.tags.map(escapeHTML),
        score: r.rank,
        terms: Object.fromEntries(shown.map(t => [t.term, r.queryTerms.includes(t.term)])),
      }];
    }),
  };
}

addEventListener("message", async event => {
  const { type, data } = event.data;
  if (type === SETUP) postMessage({ type: READY });
  else if (type === QUERY && !data.trim()) {
    postMessage({ type: RESULT, data: { items: [] } });  // the empty box at page load: no index yet
  } else if (type === QUERY) {
    await loadEngine();
    postMessage({ type: RESULT, data: search(data) });
  } else throw new TypeError(`unknown search message type ${type}`);
});

/* How the site's search reads a query and ranks what it finds; used by worker.js.
 *
 * A query is cut into terms the way hooks/studybank/searchindex.py cut the pages: Latin
 * letters and digits into words (fp8, llama3.1, 0.5 stay whole), Chinese into the longest
 * words the index knows. A term matches longer words by prefix only where that cannot turn
 * it into another word: an English word of three letters or more ("atten" finds attention,
 * "by" never finds byte), a Chinese piece that is not itself a word of the index (区别 is
 * a word, so it never finds 区间). Question words (why, 为什么, 区别…) count little.
 * Pages that match more of the query rank higher; listing pages (topics, guides) rank below
 * the questions.
 */
(function (scope) {
  "use strict";

  const HAN_RUN = /^[\u3400-\u9fff]+$/u;
  const TOKEN = /[\u3400-\u9fff]+|(?:(?![\u3400-\u9fff])[\p{L}\p{N}])+(?:\.\p{N}+)*/gu;
  const LONGEST_WORD = 12;
  const WEAK_WEIGHT = 0.15;
  const STRICT_WORDS = 3;
  const WEAK = new Set([
    "a", "an", "the", "is", "are", "was", "be", "of", "to", "in", "on", "at", "by", "for", "and",
    "or", "vs", "versus", "with", "without", "what", "why", "how", "when", "which", "who", "does",
    "do", "did", "can", "it", "its", "this", "that", "between", "difference", "differences",
    "explain", "about", "from", "into", "than", "use", "used", "using", "work", "works",
    "的", "了", "是", "吗", "呢", "吧", "和", "与", "及", "跟", "或", "在", "把", "被", "对", "有",
    "什么", "为什么", "为何", "怎么", "怎样", "怎么样", "如何", "哪些", "哪个", "区别", "不同",
    "一下", "介绍", "讲讲", "说说", "谈谈", "原理", "作用", "问题", "一个", "这个", "那个", "时候",
  ]);

  /* The longest index words that cover a Chinese run, left to right; a character no word
   * starts with stands alone (and may match by prefix). */
  function segment(run, vocabulary) {
    const pieces = [];
    for (let i = 0; i < run.length;) {
      let end = i + 1;
      for (let j = Math.min(run.length, i + LONGEST_WORD); j > i + 1; j--)
        if (vocabulary.has(run.slice(i, j))) { end = j; break; }
      pieces.push(run.slice(i, end));
      i = end;
    }
    return pieces;
  }

  /* The terms of a query: [{ term, prefix, weak }], in order, without repeats. */
  function parse(text, vocabulary) {
    const words = [];
    for (const token of text.toLowerCase().match(TOKEN) || [])
      if (HAN_RUN.test(token)) words.push(...segment(token, vocabulary));
      else words.push(token);
    const seen = new Set();
    return words.filter(word => !seen.has(word) && seen.add(word)).map(word => {
      const han = HAN_RUN.test(word);
      const prefix = han ? !vocabulary.has(word) : word.length >= 3 && !WEAK.has(word);
      return { term: word, prefix, weak: WEAK.has(word) };
    });
  }

  /* Each term's weight: how rare it is among the pages (BM25's inverse document
   * frequency), much less for a question word. */
  function weigh(terms, pagesWith, pages) {
    return terms.map(t => {
      const n = pagesWith(t);
      const idf = Math.log(1 + (pages - n + 0.5) / (n + 0.5));
      return { ...t, weight: (t.weak ? WEAK_WEIGHT : 1) * idf };
    });
  }

  /* Final order. For a query of up to STRICT_WORDS words (not counting question words), the
   * pages matching all of them come first. Within that, and for longer queries (sentences,
   * where no page has every word), MiniSearch's BM25 score times the square of the share of
   * the query's weight the page matches; listing pages after the questions. */
  function rank(results, terms) {
    const total = terms.reduce((sum, t) => sum + t.weight, 0) || 1;
    const weight = new Map(terms.map(t => [t.term, t.weight]));
    const named = terms.filter(t => !t.weak).map(t => t.term);
    const strict = named.length <= STRICT_WORDS;
    return results
      .map(result => {
        const matched = result.queryTerms.reduce((sum, t) => sum + (weight.get(t) || 0), 0) / total;
        const all = strict && named.every(t => result.queryTerms.includes(t));
        return { ...result, all, listing: result.kind === "listing", rank: result.score * matched * matched };
      })
      .sort((a, b) => b.all - a.all || a.listing - b.listing || b.rank - a.rank);
  }

  scope.bankSearchQuery = { parse, weigh, rank, segment, WEAK_WEIGHT };
})(typeof self !== "undefined" ? self : globalThis);

/* Tells the search worker (worker.js) that the reader opened the search box, so it loads the
 * index while they type rather than with every page. One listener for the whole visit:
 * Material's instant navigation keeps this document's listeners. */
document.addEventListener("focusin", event => {
  if (event.target.matches && event.target.matches("input.md-search__input"))
    new BroadcastChannel("bank-search-open").postMessage("open");
});

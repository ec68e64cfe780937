// Wij-kennis: select text in the story (mouse or keyboard) to fill in "Deze passage
// coderen" with the passage and its exact character offsets. The forms work without it.
(function () {
  "use strict";
  var story = document.getElementById("story-text");
  var form = document.getElementById("quote-form");
  if (!story || !form) { return; }
  var quote = form.querySelector("textarea[name='passage-quote']");
  var start = form.querySelector("input[name='passage-start']");
  var end = form.querySelector("input[name='passage-end']");
  function offset(node, within) {
    var el = node.nodeType === 3 ? node.parentElement : node;
    var sentence = el && el.closest(".kw-sentence");
    if (!sentence || el.classList.contains("kw-sentence-number")) { return null; }
    var textNode = sentence.lastChild;
    if (node !== textNode) { return null; }
    // The sentence's text node starts with one space after the number.
    return parseInt(sentence.dataset.start, 10) + Math.max(0, within - 1);
  }
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !story.contains(sel.anchorNode)) { return; }
    var text = sel.toString().replace(/\[\d+\]\s*/g, "").trim();
    if (!text) { return; }
    quote.value = text;
    var a = offset(sel.anchorNode, sel.anchorOffset);
    var b = offset(sel.focusNode, sel.focusOffset);
    if (a !== null && b !== null && a !== b) {
      start.value = Math.min(a, b); end.value = Math.max(a, b);
    } else { start.value = ""; end.value = ""; }
  });
})();

// Progressive enhancement of the application form: a live character count for each answer.
// The server renders the same "n / limit" count, so nothing depends on this file.
(function () {
  "use strict";
  function length(text) {
    // Count characters as the server does: a line break is one character.
    return Array.from(text.replace(/\r\n/g, "\n")).length;
  }
  document.addEventListener("input", function (event) {
    var area = event.target;
    if (!area.matches || !area.matches("textarea[data-counter]")) {
      return;
    }
    var counter = document.getElementById(area.dataset.counter);
    if (!counter) {
      return;
    }
    var limit = parseInt(area.dataset.limit, 10);
    var count = length(area.value);
    counter.textContent = count + " / " + limit;
    counter.classList.toggle("char-count--over", count > limit);
  });
})();

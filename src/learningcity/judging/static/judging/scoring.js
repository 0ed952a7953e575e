// Running total while a judge types points; the server keeps the real total and every
// save works without this script.
(function () {
  "use strict";
  function total() {
    var sum = 0;
    document.querySelectorAll("[data-points]").forEach(function (input) {
      var value = parseFloat(input.value);
      var max = parseFloat(input.dataset.max);
      var wrong = input.value !== "" && (isNaN(value) || value < 0 || value > max || value * 2 !== Math.round(value * 2));
      input.setAttribute("aria-invalid", wrong ? "true" : "false");
      if (!wrong && !isNaN(value)) { sum += value; }
    });
    var out = document.getElementById("running-total");
    if (out) { out.textContent = sum.toFixed(1); }
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-points]")) { total(); }
  });
  document.addEventListener("htmx:afterSettle", total);
})();

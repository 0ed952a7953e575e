// The "Print" button of the running order; without JavaScript the browser's own print works.
document.addEventListener("click", function (event) {
  "use strict";
  if (event.target.matches && event.target.matches("[data-print]")) {
    window.print();
  }
});

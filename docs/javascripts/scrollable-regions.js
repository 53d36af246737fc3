// Wide tables and formulas scroll sideways on narrow screens. A keyboard user can only scroll a
// region that can take focus, so each one that overflows becomes a focusable, labelled region
// (axe: scrollable-region-focusable). Runs on load and whenever the window is resized.
(function () {
  "use strict";
  var SELECTOR = ".md-typeset__scrollwrap, .arithmatex > .katex-display";

  function label(element) {
    return element.classList.contains("katex-display") ? "Formula (scrolls sideways)" : "Table (scrolls sideways)";
  }

  function update() {
    document.querySelectorAll(SELECTOR).forEach(function (element) {
      if (element.scrollWidth > element.clientWidth + 1) {
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", label(element));
      } else if (element.getAttribute("tabindex") === "0") {
        element.removeAttribute("tabindex");
        element.removeAttribute("role");
        element.removeAttribute("aria-label");
      }
    });
  }

  window.addEventListener("load", update);
  window.addEventListener("resize", update);
})();

// Wide tables and formulas scroll sideways on narrow screens. Each one that overflows becomes a
// focusable region, so a keyboard can scroll it (axe: scrollable-region-focusable), with a
// label of its own (axe: landmark-unique) and a visible "scrolls sideways" cue
// (data-scrolls, styled in site.css). Runs on load and whenever the window is resized.
(function () {
  "use strict";
  var SELECTOR = ".md-typeset__scrollwrap, div.arithmatex";

  function describe(element, number) {
    if (element.classList.contains("md-typeset__scrollwrap")) {
      var header = element.querySelector("th");
      var first = header ? header.textContent.trim() : "";
      return "Table " + number + (first ? " (" + first + ")" : "") + ", scrolls sideways";
    }
    return "Formula " + number + ", scrolls sideways";
  }

  function update() {
    var count = 0;
    document.querySelectorAll(SELECTOR).forEach(function (element) {
      if (element.scrollWidth > element.clientWidth + 1) {
        count += 1;
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", describe(element, count));
        element.setAttribute("data-scrolls", "");
      } else if (element.hasAttribute("data-scrolls")) {
        ["tabindex", "role", "aria-label", "data-scrolls"].forEach(function (name) {
          element.removeAttribute(name);
        });
      }
    });
  }

  window.addEventListener("load", update);
  window.addEventListener("resize", update);
})();

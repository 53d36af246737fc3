// Figures open in a lightbox (glightbox) when clicked. Its script and stylesheet (70 KB) load on
// the first click instead of with every page: most readers never zoom a figure. Until they have
// loaded, a click with a modifier key, or one before this script ran, opens the image itself.
// Added by sitebuild/pipeline/loading.py to the pages that have a figure; data-js, data-css and
// data-options come from what the glightbox plugin would have put on the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var lightbox = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = script.dataset.css;
        document.head.appendChild(css);
        var js = document.createElement("script");
        js.src = script.dataset.js;
        js.onload = resolve;
        js.onerror = reject;
        document.head.appendChild(js);
      });
    }
    return loading;
  }

  document.addEventListener("click", function (event) {
    if (lightbox || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var link = event.target.closest && event.target.closest("a.glightbox");
    if (!link) return;
    event.preventDefault();
    load().then(function () {
      if (!lightbox) lightbox = GLightbox(JSON.parse(script.dataset.options));  // binds its own clicks
      lightbox.openAt([].indexOf.call(document.querySelectorAll(".glightbox"), link));
    });
  });
})();

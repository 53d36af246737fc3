// Material fetches the search index and starts its search worker as soon as a page loads: on a
// phone, 60 KB and a worker for a search most readers never open. Both wait here until the reader
// opens the search (the search toggle, or the search box taking focus). Inlined before Material's
// bundle by sitebuild/pipeline/loading.py.
(function () {
  "use strict";
  var opened = false;
  var waiting = [];
  function start() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (run) { run(); });
  }
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!this.searchIndex || opened) return send.apply(this, args);
    waiting.push(function () { send.apply(request, args); });
  };
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (opened || !/\/workers\/search\.[0-9a-f]+\.min\.js$/.test(String(url))) {
      return new RealWorker(url, options);
    }
    var standIn = new EventTarget();
    var real = null;
    var queue = [];
    standIn.postMessage = function (message) {
      if (real) real.postMessage(message); else queue.push(message);
    };
    standIn.terminate = function () { if (real) real.terminate(); };
    waiting.push(function () {
      real = new RealWorker(url, options);
      real.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      queue.splice(0).forEach(function (message) { real.postMessage(message); });
    });
    return standIn;
  };
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) start();
  }, true);
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) start();
  }, true);
})();

// Unit pickers (thidua.org.picker): a <select data-unit-picker data-url="…"> that holds only
// the chosen unit(s). Typing asks the server for the matching units of the user's scope, so
// the page stays the same size however many units the province has. Texts come from the
// element's data attributes (translated by the server); no inline script is needed.
(function () {
  "use strict";

  function search(url, query, callback) {
    var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
    fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { callback(data.results); })
      .catch(function () { callback(); });
  }

  function picker(el) {
    if (el.tomselect || !window.TomSelect) return;
    var data = el.dataset;
    // The empty choice is the placeholder, not an option; a filter is cleared by its button.
    var plugins = {};
    if (el.multiple) plugins.remove_button = { title: data.remove || "" };
    else if (!el.required) plugins.clear_button = { title: data.clear || "" };
    new TomSelect(el, {
      valueField: "id",
      labelField: "text",
      searchField: [],
      maxOptions: 50,
      loadThrottle: 250,
      preload: "focus",
      placeholder: data.placeholder || "",
      allowEmptyOption: false,
      plugins: plugins,
      // The server has matched the words (without diacritics, by name, short name or code);
      // every answer it gives is shown, in its order.
      score: function () { return function () { return 1; }; },
      shouldLoad: function () { return true; },
      load: function (query, callback) {
        this.clearOptions();
        search(data.url, query, callback);
      },
      render: {
        no_results: function () { return '<div class="no-results">' + escapeText(data.noResults || "") + "</div>"; },
        loading: function () { return '<div class="spinner-border spinner-border-sm m-2" role="status"><span class="visually-hidden">' + escapeText(data.loading || "") + "</span></div>"; }
      }
    });
  }

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function init(root) {
    root.querySelectorAll("select[data-unit-picker]").forEach(picker);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (e) { init(e.target); });
})();

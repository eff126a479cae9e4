/* Title suggestions while typing in a search box. Without this script the box is a plain
   GET form; with it, the box's <datalist> is filled from the suggestions endpoint. */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_LENGTH = 2;

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var endpoint = input.getAttribute("data-suggest");
    if (!list || !endpoint || !window.fetch) return;
    var timer = null;
    var latest = "";

    function fill(suggestions) {
      while (list.firstChild) list.removeChild(list.firstChild);
      suggestions.forEach(function (suggestion) {
        var option = document.createElement("option");
        option.value = suggestion.title;
        option.setAttribute("lang", suggestion.language);
        list.appendChild(option);
      });
    }

    function ask(value) {
      latest = value;
      fetch(endpoint + "?q=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (value === latest) fill(data.suggestions || []); })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      var value = input.value.trim();
      window.clearTimeout(timer);
      if (value.length < MIN_LENGTH) {
        fill([]);
        return;
      }
      timer = window.setTimeout(function () { ask(value); }, DELAY_MS);
    });
  }

  function start() {
    var inputs = document.querySelectorAll("input[data-suggest]");
    for (var i = 0; i < inputs.length; i += 1) setUp(inputs[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

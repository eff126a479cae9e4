/* Text size (-A +A) and contrast controls. Without this script the same
   controls are plain GET forms handled by the server; with it they act at once,
   announce the new state, and keep it in the same cookies. */
(function () {
  "use strict";

  var root = document.documentElement;
  var SIZES = [87.5, 100, 112.5, 125, 137.5, 150];
  var DEFAULT_STEP = 1;
  var TEXT_SIZE_COOKIE = "muhabir_text_size";
  var CONTRAST_COOKIE = "muhabir_contrast";

  root.classList.remove("no-js");
  root.classList.add("js");

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i += 1) {
      var index = parts[i].indexOf("=");
      if (parts[i].slice(0, index) === name) {
        return decodeURIComponent(parts[i].slice(index + 1));
      }
    }
    return null;
  }

  function writeCookie(name, value) {
    document.cookie =
      name + "=" + encodeURIComponent(value) + "; path=/; max-age=31536000; SameSite=Lax";
  }

  function currentStep() {
    var step = parseInt(readCookie(TEXT_SIZE_COOKIE), 10);
    return step >= 0 && step < SIZES.length ? step : DEFAULT_STEP;
  }

  function refreshPreferences() {
    // The per-reader stylesheet is the one place preferences turn into CSS.
    var link = document.getElementById("reader-preferences");
    if (link) {
      link.href = link.href.split("?")[0] + "?v=" + Date.now();
    }
  }

  function announce(control, message) {
    var status = control.querySelector("[role=status]");
    if (status) {
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = message;
      }, 50);
    }
  }

  function applyStep(step) {
    root.style.setProperty("--text-scale", String(SIZES[step] / 100));
  }

  function updateTextSizeButtons(form, step) {
    var down = form.querySelector("[value=down]");
    var up = form.querySelector("[value=up]");
    if (down) down.setAttribute("aria-disabled", step === 0 ? "true" : "false");
    if (up) up.setAttribute("aria-disabled", step === SIZES.length - 1 ? "true" : "false");
  }

  function setUpTextSize(form) {
    updateTextSizeButtons(form, currentStep());
    var lastButton = null;
    form.addEventListener("click", function (event) {
      lastButton = event.target.closest ? event.target.closest("button") : null;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter || lastButton;
      var change = button ? button.value : "";
      var step = currentStep();
      if (change === "up") step = Math.min(step + 1, SIZES.length - 1);
      else if (change === "down") step = Math.max(step - 1, 0);
      else step = DEFAULT_STEP;
      writeCookie(TEXT_SIZE_COOKIE, String(step));
      applyStep(step);
      refreshPreferences();
      updateTextSizeButtons(form, step);
      var template = form.getAttribute("data-status-template") || "%(percent)s";
      announce(form, template.replace("%(percent)s", String(SIZES[step]).replace(".", ",")));
    });
  }

  function setUpContrast(form) {
    var button = form.querySelector("button");
    var on = readCookie(CONTRAST_COOKIE) === "high";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      on = !on;
      writeCookie(CONTRAST_COOKIE, on ? "high" : "");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      refreshPreferences();
      announce(form, form.getAttribute(on ? "data-status-on" : "data-status-off") || "");
    });
  }

  function setUp() {
    var textSize = document.querySelectorAll("form[data-text-size]");
    for (var i = 0; i < textSize.length; i += 1) setUpTextSize(textSize[i]);
    var contrast = document.querySelectorAll("form[data-contrast]");
    for (var j = 0; j < contrast.length; j += 1) setUpContrast(contrast[j]);
    var share = document.querySelectorAll("[data-share]");
    for (var k = 0; k < share.length; k += 1) {
      if (navigator.share) {
        share[k].hidden = false;
        share[k].addEventListener("click", function (event) {
          var target = event.currentTarget;
          navigator.share({ title: target.getAttribute("data-title"), url: target.getAttribute("data-url") })
            .catch(function () {});
        });
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

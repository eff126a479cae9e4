/* "Use my location" on the directory's near-me page. Without this script (or without
   permission) the reader picks a city in the same plain form; with it, the device's
   position fills the form's hidden lat/lng fields and the form is sent. */
(function () {
  "use strict";

  function start() {
    var form = document.querySelector("[data-near-form]");
    if (!form || !("geolocation" in navigator)) {
      return;
    }
    var button = form.querySelector("[data-near-locate]");
    var status = form.querySelector("[data-near-status]");
    var city = form.querySelector("select[name=city]");
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.getAttribute("data-busy");
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.querySelector("[data-near-lat]").value = position.coords.latitude.toFixed(5);
          form.querySelector("[data-near-lng]").value = position.coords.longitude.toFixed(5);
          if (city) {
            city.value = "";
          }
          form.submit();
        },
        function () {
          button.disabled = false;
          status.textContent = button.getAttribute("data-error");
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
      );
    });
    if (city) {
      // A city picked by hand replaces a position found earlier.
      city.addEventListener("change", function () {
        form.querySelector("[data-near-lat]").value = "";
        form.querySelector("[data-near-lng]").value = "";
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

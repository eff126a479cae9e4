/* Draws the directory's maps with the self-hosted Leaflet. The page holds the points as
   JSON and names the tile server; without a configured server the page has no map
   element and this script is not loaded. */
(function () {
  "use strict";

  // The centre of North Rhine-Westphalia, for a map without points.
  var NRW = [51.43, 7.66];

  function popup(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    if (point.lang) {
      link.lang = point.lang;
    }
    box.appendChild(link);
    if (point.detail) {
      var detail = document.createElement("div");
      detail.textContent = point.detail;
      box.appendChild(detail);
    }
    return box;
  }

  function escapeHtml(text) {
    return String(text || "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-markers"));
    if (!source || !window.L) {
      return;
    }
    var points = JSON.parse(source.textContent);
    element.hidden = false;
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", element.getAttribute("data-label") || "Map");
    var map = window.L.map(element, { scrollWheelZoom: false });
    window.L.tileLayer(element.getAttribute("data-tiles"), {
      maxZoom: 19,
      // Leaflet writes the attribution as HTML; the setting is plain text.
      attribution: escapeHtml(element.getAttribute("data-attribution")),
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var position = [point.lat, point.lng];
      window.L.marker(position, { title: point.name, alt: point.name })
        .bindPopup(popup(point))
        .addTo(map);
      bounds.push(position);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { maxZoom: 15, padding: [24, 24] });
    } else {
      map.setView(NRW, 8);
    }
  }

  function start() {
    var maps = document.querySelectorAll("[data-directory-map]");
    for (var i = 0; i < maps.length; i += 1) {
      draw(maps[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

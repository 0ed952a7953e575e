// The network map: Leaflet (from the XStatic-Leaflet package) draws the markers given in a
// JSON block beside the list. Without JavaScript, Leaflet or the tile server, the list below
// the map is the whole page; the map stays hidden. Leaflet loads "async": on a slow line the
// page is usable before the map library has arrived.
(function () {
  "use strict";

  function start(box) {
    if (!window.L) { return; }
    var source = document.getElementById(box.dataset.markers);
    if (!source) { return; }
    var markers = JSON.parse(source.textContent);
    if (!markers.length) { return; }
    box.hidden = false;
    var map = window.L.map(box, { scrollWheelZoom: false });
    if (box.dataset.tiles) {
      window.L.tileLayer(box.dataset.tiles, {
        maxZoom: 18,
        attribution: "&copy; OpenStreetMap contributors"
      }).addTo(map);
    }
    var bounds = [];
    markers.forEach(function (m) {
      var point = window.L.circleMarker([m.lat, m.lon], {
        radius: 8, weight: 2, color: "#1d4f91", fillColor: "#3f7fd0", fillOpacity: 0.8
      }).addTo(map);
      var label = document.createElement("div");
      var name = document.createElement(m.url ? "a" : "strong");
      name.textContent = m.name;
      if (m.url) { name.href = m.url; }
      label.appendChild(name);
      if (m.province) {
        label.appendChild(document.createElement("br"));
        label.appendChild(document.createTextNode(m.province));
      }
      point.bindPopup(label);
      point.bindTooltip(m.name);
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 12);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    }
  }

  function startAll() {
    document.querySelectorAll("[data-network-map]").forEach(start);
  }

  // This file is deferred (it runs once the page is parsed); Leaflet may still be on its way.
  if (window.L) {
    startAll();
  } else {
    var library = document.getElementById("leaflet-js");
    if (library) { library.addEventListener("load", startAll); }
  }
})();

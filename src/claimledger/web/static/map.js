// The map of places.  Data comes from <script type="application/json" id="map-data">;
// every string from the ledger goes into the page through textContent, never innerHTML.
(function () {
  "use strict";
  var holder = document.getElementById("map");
  var source = document.getElementById("map-data");
  if (!holder || !source || typeof L === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var map = L.map(holder, { worldCopyJump: true, attributionControl: true });
  map.attributionControl.setPrefix(false);

  if (data.tiles) {
    // The attribution is shown as text: Leaflet would otherwise read it as HTML.
    var attribution = document.createElement("span");
    attribution.textContent = data.attribution || "";
    L.tileLayer(data.tiles, { maxZoom: 18, attribution: attribution.innerHTML }).addTo(map);
  } else {
    drawGraticule(map);
  }

  var markers = [];
  data.places.forEach(function (place) {
    var radius = Math.min(18, 4 + 2.5 * Math.log(1 + place.mentions));
    var marker = L.circleMarker([place.lat, place.lon], {
      radius: radius, color: "#1d2b3a", weight: 1, fillColor: "#f0b429", fillOpacity: 0.75
    });
    marker.bindPopup(function () { return popup(place); });
    marker.bindTooltip(textNode(place.name));
    marker.addTo(map);
    markers.push(marker);
  });
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 6 });
  } else {
    map.setView([20, 0], 2);
  }
  holder.setAttribute("data-markers", String(markers.length));

  // Leaflet reads a string tooltip or popup as HTML: hand it an element whose text is set instead.
  function textNode(value) {
    var span = document.createElement("span");
    span.textContent = value === null || value === undefined ? "" : String(value);
    return span;
  }

  function popup(place) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var name = document.createElement("div");
    name.className = "name";
    name.textContent = place.name;
    box.appendChild(name);
    var facts = document.createElement("div");
    facts.textContent = (place.country ? place.country + " · " : "") + place.mentions + " mentions in " +
      place.articles + " articles";
    box.appendChild(facts);
    var link = document.createElement("a");
    link.href = data.board + "?" + new URLSearchParams({ place: place.name }).toString();
    link.textContent = "Claims about this place";
    box.appendChild(link);
    return box;
  }

  // Without tiles: lines every 30 degrees so positions still read as positions.
  function drawGraticule(target) {
    var style = { color: "#b8c4d0", weight: 1, interactive: false };
    for (var lon = -180; lon <= 180; lon += 30) { L.polyline([[-85, lon], [85, lon]], style).addTo(target); }
    for (var lat = -60; lat <= 60; lat += 30) { L.polyline([[lat, -180], [lat, 180]], style).addTo(target); }
    L.polyline([[0, -180], [0, 180]], { color: "#8a9aab", weight: 1.5, interactive: false }).addTo(target);
  }
})();

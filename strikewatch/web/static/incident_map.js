// The incident page's small map: the incident in red, incidents within a week of it in grey (each
// opens its page), over the same vendored Natural Earth basemap as the overview. No tiles, no network.
"use strict";
(function () {
  const el = document.getElementById("incident-map");
  if (!el || typeof L === "undefined") return;
  const lat = Number(el.dataset.lat), lon = Number(el.dataset.lon);
  const map = L.map(el, { minZoom: 3, maxZoom: 12, attributionControl: true, scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");
  map.setView([lat, lon], 7);
  map.createPane("incidents").style.zIndex = 450;
  fetch(el.dataset.countries).then(function (r) { return r.json(); }).then(function (topo) {
    L.geoJSON(topojson.feature(topo, topo.objects.countries), {
      style: { color: "#8d96a0", weight: 0.8, fillColor: "#f3f0e8", fillOpacity: 1 }, interactive: false,
    }).addTo(map);
    el.dataset.basemap = "ready";
  });
  let nearby = [];
  try { nearby = JSON.parse(el.dataset.nearby || "[]"); } catch (e) { nearby = []; }
  nearby.forEach(function (n) {
    const c = L.circleMarker([n.lat, n.lon], { pane: "incidents", radius: 5, color: "#555", weight: 0.8,
      fillColor: "#9a9a9a", fillOpacity: 0.6 }).addTo(map);
    const tip = document.createElement("span");
    tip.textContent = n.label;  // text, never markup
    c.bindTooltip(tip);
    c.on("click", function () { window.location.href = n.url; });
    if (c._path) { c._path.classList.add("nearby-marker"); c._path.setAttribute("data-incident", n.id); }
  });
  const killed = el.dataset.killed === "" ? null : Number(el.dataset.killed);
  const here = L.circleMarker([lat, lon], { pane: "incidents", color: "#222", weight: 1.2, fillColor: "#9c2b23",
    fillOpacity: 0.85, radius: Math.min(20, 6 + 1.6 * Math.sqrt(killed || 0)) }).addTo(map);
  const tip = document.createElement("span");
  tip.textContent = (el.dataset.label || "this incident") + (killed === null ? "" : " · " + killed + " killed");
  here.bindTooltip(tip);
  if (here._path) here._path.classList.add("incident-here");
  el.dataset.ready = "1";
})();

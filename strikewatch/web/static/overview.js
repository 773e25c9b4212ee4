// The overview's map and timeline. Both fetch the JSON API with the page's own filters, so
// they always show the incidents the filter form and the list show. No tile layer: the basemap is
// Natural Earth country polygons served by this app, so nothing is fetched from elsewhere.
"use strict";

(function () {
  const mapEl = document.getElementById("map");
  const timelineEl = document.getElementById("timeline");
  if (!mapEl || !timelineEl) return;
  const query = new URLSearchParams(window.location.search);
  const form = document.querySelector("form.filters");

  // The filter form sends only the fields that say something: an empty field, or one left at its
  // default, would only lengthen the address (the server treats empty values as absent anyway).
  const DEFAULTS = { kind: "incident", sort: "date", order: "desc", page: "1" };
  function submitFilters() {
    const params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      const v = String(value).trim();
      if (v !== "" && DEFAULTS[key] !== v) params.append(key, v);
    });
    const qs = params.toString();
    window.location.assign((form.getAttribute("action") || "/") + (qs ? "?" + qs : ""));
  }
  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      const from = form.elements.date_from.value, to = form.elements.date_to.value;
      if (from && to && from > to) {
        // the server refuses it too (422); saying so here keeps the analyst on the form
        form.elements.date_to.setCustomValidity("The range ends before it starts: swap the dates.");
        form.elements.date_to.reportValidity();
        return;
      }
      submitFilters();
    });
    form.elements.date_to.addEventListener("input", function () { form.elements.date_to.setCustomValidity(""); });
    form.elements.date_from.addEventListener("input", function () { form.elements.date_to.setCustomValidity(""); });
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  // ---- map ----
  // Canvas, not SVG: a thousand circles as SVG elements took over a second to draw (FA-KES).
  const map = L.map(mapEl, { worldCopyJump: false, minZoom: 2, maxZoom: 12, attributionControl: true, preferCanvas: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");
  map.setView([35.0, 38.5], 6); // Syria
  map.createPane("incidents").style.zIndex = 450;
  const circles = L.canvas({ pane: "incidents", padding: 0.2 });

  getJSON(mapEl.dataset.countries).then(function (topo) {
    const countries = topojson.feature(topo, topo.objects.countries).features;
    const base = L.geoJSON(null, {
      style: { color: "#8d96a0", weight: 0.8, fillColor: "#f3f0e8", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    // The countries in and around the view first, the rest of the world just after: making
    // Leaflet layers of all 241 is most of the basemap's cost, and only a few are on screen.
    const around = map.getBounds().pad(1);
    const near = countries.filter(function (f) { return f.geometry && around.intersects(bounds(f.geometry)); });
    base.addData({ type: "FeatureCollection", features: near });
    mapEl.dataset.basemap = "ready";
    // when the browser is idle: after the circles and the timeline, not in their way
    const later = window.requestIdleCallback || function (fn) { return setTimeout(fn, 50); };
    later(function () {
      base.addData({ type: "FeatureCollection", features: countries.filter(function (f) { return near.indexOf(f) < 0; }) });
      mapEl.dataset.world = "ready";
    }, { timeout: 3000 });
  });

  function bounds(geometry) {
    // [[south, west], [north, east]] of a Polygon or MultiPolygon, from its outer rings
    let s = 90, w = 180, n = -90, e = -180;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (rings) {
      (rings[0] || []).forEach(function (pt) {
        if (pt[0] < w) w = pt[0];
        if (pt[0] > e) e = pt[0];
        if (pt[1] < s) s = pt[1];
        if (pt[1] > n) n = pt[1];
      });
    });
    return L.latLngBounds([s, w], [n, e]);
  }

  const MAX_RADIUS = 26;
  function radius(killed) {
    // Area, not radius, grows with the dead, so a strike that killed 100 is not 10x as wide as one
    // that killed 1; capped, so one huge figure (or a misread one) cannot cover the map.
    return Math.min(MAX_RADIUS, 4 + 2.2 * Math.sqrt(killed || 0));
  }

  function describe(p) {
    return [p.date || "undated", p.place || "unplaced", (p.killed ?? "?") + " killed", p.perpetrator].join(" · ");
  }

  const markers = [];
  mapEl.swMarkers = markers;  // for the browser tests: which circle is where (a canvas has no elements)
  mapEl.swMap = map;
  function pick(ev) {
    // Every circle under the click, not just the top one: several incidents often share a town's point.
    const at = map.latLngToLayerPoint(ev.latlng);
    const hits = markers.filter(function (m) {
      return map.latLngToLayerPoint(m.marker.getLatLng()).distanceTo(at) <= m.marker.getRadius() + 2;
    });
    if (hits.length <= 1) { window.location.href = (hits[0] || ev.target.sw).p.url; return; }
    const box = document.createElement("div");
    box.className = "stack";
    const head = document.createElement("b");
    head.textContent = hits.length + " incidents here";
    box.appendChild(head);
    const list = document.createElement("ul");
    hits.forEach(function (m) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = m.p.url;
      a.className = "stack-item";
      a.dataset.incident = m.p.id;
      a.textContent = describe(m.p);  // text, never markup: place names come from articles
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
    L.popup({ maxWidth: 360, className: "stack-popup" }).setLatLng(ev.latlng).setContent(box).openOn(map);
  }

  // The addresses come from the page, exactly as its <link rel=preload> asked for them, so the
  // browser reuses the answers it started fetching before this script ran.
  getJSON(mapEl.dataset.source).then(function (fc) {
    const layer = L.featureGroup().addTo(map);
    fc.features
      .slice()
      .sort(function (a, b) { return (b.properties.killed || 0) - (a.properties.killed || 0); })
      .forEach(function (f) {
        const p = f.properties;
        const [lon, lat] = f.geometry.coordinates;
        const marker = L.circleMarker([lat, lon], {
          pane: "incidents", renderer: circles, radius: radius(p.killed), color: "#222", weight: 0.8,
          fillColor: p.colour, fillOpacity: 0.72,
        });
        // Leaflet's tooltip sets textContent when given an element, so hostile place names stay text.
        const tip = document.createElement("span");
        tip.textContent = describe(p);
        marker.bindTooltip(tip);
        marker.sw = { marker: marker, p: p };
        markers.push(marker.sw);
        marker.on("click", pick);
        marker.addTo(layer);
      });
    renderLegend(fc.legend || []);
    const note = document.getElementById("map-note");
    const out = fc.left_out || {};
    if (note) {
      const parts = [];
      if (out.tallies) parts.push(out.tallies + " tall" + (out.tallies === 1 ? "y" : "ies") + " over a period or area");
      if (out.unplaced) parts.push(out.unplaced + " incident" + (out.unplaced === 1 ? "" : "s") + " without a place, or placed only in a country");
      note.textContent = parts.length ? "Not on the map: " + parts.join(", ") + "." : "";
    }
    mapEl.dataset.incidents = String(fc.features.length);
    if (query.get("bbox")) {
      const [w, s, e, n] = query.get("bbox").split(",").map(Number);
      map.fitBounds([[s, w], [n, e]]);
    }
  });

  function renderLegend(items) {
    const box = document.getElementById("legend");
    if (!box) return;
    box.replaceChildren();
    items.forEach(function (it) {
      const span = document.createElement("span");
      if (it.colour) {
        const sw = document.createElement("i");
        sw.className = "swatch";
        sw.style.background = it.colour;
        span.appendChild(sw);
      }
      span.appendChild(document.createTextNode(it.perpetrator + " (" + it.count + ")"));
      box.appendChild(span);
    });
  }

  const useView = document.getElementById("use-map-view");
  if (useView && form) {
    useView.addEventListener("click", function () {
      // Clamp to the globe: zoomed far out, Leaflet's bounds run past 180 degrees and the poles.
      const b = map.getBounds();
      const lon = function (v) { return Math.max(-180, Math.min(180, v)); };
      const lat = function (v) { return Math.max(-90, Math.min(90, v)); };
      form.elements.bbox.value = [lon(b.getWest()), lat(b.getSouth()), lon(b.getEast()), lat(b.getNorth())]
        .map(function (v) { return v.toFixed(3); }).join(",");
      submitFilters();
    });
  }

  // ---- timeline: bars are incidents per day, the line deaths per day (its own scale on the right) ----
  getJSON(timelineEl.dataset.source).then(function (data) {
    const days = data.days || [];
    // Daily bars stay readable up to about half a year; beyond that they are summed by week or by
    // month (30 days) so a bar is never thinner than a pixel. The label says which.
    const size = days.length > 1500 ? 30 : days.length > 180 ? 7 : 1;
    timelineEl.dataset.bin = String(size);
    const unit = document.getElementById("timeline-unit");
    if (unit) unit.textContent = size === 1 ? "day" : size === 7 ? "week" : "30 days";
    drawTimeline(bin(days, size));
  });

  function bin(days, size) {
    if (size === 1) return days;
    const out = [];
    for (let i = 0; i < days.length; i += size) {
      const chunk = days.slice(i, i + size);
      out.push({
        date: chunk[0].date,
        incidents: chunk.reduce(function (n, d) { return n + d.incidents; }, 0),
        killed: chunk.reduce(function (n, d) { return n + d.killed; }, 0),
        last: chunk[chunk.length - 1].date,
      });
    }
    return out;
  }

  function svg(name, attrs, parent) {
    const el = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(el);
    return el;
  }

  function short(n) {
    // Axis labels stay a few characters wide: 21348 reads "21k", so the right axis is never clipped.
    if (n >= 1e6) return (n / 1e6).toFixed(n >= 1e7 ? 0 : 1).replace(/\.0$/, "") + "M";
    if (n >= 1e4) return Math.round(n / 1e3) + "k";
    if (n >= 1e3) return (n / 1e3).toFixed(1).replace(/\.0$/, "") + "k";
    return String(n);
  }

  function drawTimeline(days) {
    const W = 560, H = 400;
    const maxN0 = Math.max(1, ...days.map(function (d) { return d.incidents; }));
    const maxK0 = Math.max(1, ...days.map(function (d) { return d.killed; }));
    // margins wide enough for the longest label on each side (about 7 px a character at 11 px)
    const m = { l: 14 + 7 * short(maxN0).length, r: 14 + 7 * short(maxK0).length, t: 20, b: 44 };
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Incidents and deaths per day" });
    timelineEl.querySelector(".chart").replaceChildren(root);
    if (!days.length) {
      svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "axis" }, root).textContent = "No dated incidents match.";
      timelineEl.dataset.days = "0";
      return;
    }
    const iw = W - m.l - m.r, ih = H - m.t - m.b;
    const maxN = maxN0, maxK = maxK0;
    const step = iw / days.length;
    const yN = function (v) { return m.t + ih - (v / maxN) * ih; };
    const yK = function (v) { return m.t + ih - (v / maxK) * ih; };
    [0, 0.5, 1].forEach(function (f) {
      const y = m.t + ih - f * ih;
      svg("line", { x1: m.l, x2: W - m.r, y1: y, y2: y, class: "grid" }, root);
      svg("text", { x: m.l - 6, y: y + 4, "text-anchor": "end", class: "axis axis-left" }, root).textContent = short(Math.round(f * maxN));
      svg("text", { x: W - m.r + 6, y: y + 4, class: "axis axis-right" }, root).textContent = short(Math.round(f * maxK));
    });
    svg("text", { x: 4, y: 11, class: "axis" }, root).textContent = "incidents";
    svg("text", { x: W - 4, y: 11, "text-anchor": "end", class: "axis" }, root).textContent = "killed";
    let path = "";
    days.forEach(function (d, i) {
      const x = m.l + i * step;
      if (d.incidents) {
        const bar = svg("rect", { x: x + step * 0.1, y: yN(d.incidents), width: Math.max(1, step * 0.8), height: m.t + ih - yN(d.incidents), class: "bar", "data-date": d.date, "data-last": d.last || d.date }, root);
        const span = d.last && d.last !== d.date ? d.date + " – " + d.last : d.date;
        svg("title", {}, bar).textContent = span + ": " + d.incidents + " incident(s), " + d.killed + " killed";
        bar.addEventListener("click", function () {
          if (!form) return;
          form.elements.date_from.value = d.date;
          form.elements.date_to.value = d.last || d.date;
          submitFilters();
        });
      }
      path += (i ? "L" : "M") + (x + step / 2).toFixed(1) + "," + yK(d.killed).toFixed(1);
    });
    svg("path", { d: path, class: "deaths" }, root);
    const ticks = Math.min(days.length, 5);
    for (let t = 0; t < ticks; t++) {
      const i = ticks === 1 ? 0 : Math.round((t * (days.length - 1)) / (ticks - 1));
      // the end labels are anchored inwards so the first and last dates are never cut off
      const anchor = ticks > 1 && t === 0 ? "start" : ticks > 1 && t === ticks - 1 ? "end" : "middle";
      const x = anchor === "start" ? m.l : anchor === "end" ? W - m.r : m.l + i * step + step / 2;
      svg("text", { x: x, y: H - m.b + 16, "text-anchor": anchor, class: "axis axis-date" }, root).textContent = days[i].date;
    }
    timelineEl.dataset.days = String(days.length);
  }
})();

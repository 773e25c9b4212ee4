// Review panel: put the field's current value in the box when a field is chosen, in the syntax the
// server parses, so a correction starts from what the machine (or the last analyst) said.
"use strict";
(function () {
  const select = document.getElementById("edit-field");
  const input = document.getElementById("edit-value");
  if (!select || !input) return;
  function show(v) {
    if (v === null || v === undefined) return "";
    if (Array.isArray(v)) return v.join(", ");
    if (typeof v === "object" && "low" in v) {
      if (v.low === v.high && (v.best === null || v.best === v.low)) return v.low === null ? "" : String(v.low);
      return [v.low, v.best, v.high].map(function (x) { return x === null ? "" : String(x); }).join("/");
    }
    if (typeof v === "object" && "start" in v) return v.end && v.end !== v.start ? v.start + ".." + v.end : (v.start || "");
    return String(v);
  }
  function update() {
    const opt = select.options[select.selectedIndex];
    try { input.value = show(JSON.parse(opt.dataset.current)); } catch (e) { input.value = ""; }
  }
  select.addEventListener("change", update);
  update();
})();

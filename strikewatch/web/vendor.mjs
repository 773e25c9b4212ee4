// Copies the browser assets from node_modules into static/vendor/ (run by `npm run vendor`).
// The web app serves every asset itself: no CDN and no tile server, so it works offline and
// no request leaves the machine. Versions are pinned in package.json / package-lock.json.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const vendor = join(here, "static", "vendor");
const nm = join(root, "node_modules");

const copies = [
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/LICENSE", "leaflet/LICENSE"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"],
  ["topojson-client/LICENSE", "topojson-client/LICENSE"],
  // 1:50m: at 1:110m Syria's borders and coast are visibly crude at the zoom the overview opens
  // on; 1:10m would be five times the size (3.6 MB).
  ["world-atlas/countries-50m.json", "world-atlas/countries-50m.json"],
  ["world-atlas/LICENSE", "world-atlas/LICENSE"],
  // The API docs page (/api/docs): FastAPI's default one loads Swagger UI from a CDN.
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui/swagger-ui.css"],
  ["swagger-ui-dist/LICENSE", "swagger-ui/LICENSE"],
];
for (const [from, to] of copies) {
  mkdirSync(dirname(join(vendor, to)), { recursive: true });
  copyFileSync(join(nm, from), join(vendor, to));
}
mkdirSync(join(vendor, "leaflet", "images"), { recursive: true });
for (const name of readdirSync(join(nm, "leaflet/dist/images"))) {
  copyFileSync(join(nm, "leaflet/dist/images", name), join(vendor, "leaflet", "images", name));
}
console.log(`vendored ${copies.length} files and Leaflet's images into ${vendor}`);

// Starts Swagger UI on /api/docs from the vendored bundle (FastAPI's default page loads it from a CDN).
// validatorUrl null: Swagger UI would otherwise send the schema to an online validator.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  const el = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: el.dataset.openapi, dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true });
});

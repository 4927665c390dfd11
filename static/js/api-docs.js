// The API's documentation page: Swagger UI (served from our own origin) over the OpenAPI schema.
// Read-only API: "Try it out" sends GET requests only.
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("swagger-ui");
  if (!node || !window.SwaggerUIBundle) {
    return;
  }
  window.SwaggerUIBundle({
    url: node.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    deepLinking: false,
    supportedSubmitMethods: ["get"],
  });
});

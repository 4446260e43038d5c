// The interactive API reference at /docs: Swagger UI over /openapi.json, served from this server (no CDN, no
// inline script, so the page policy holds).
window.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: root.dataset.spec, domNode: root, deepLinking: true });
});

// Each service's OpenAPI description, fetched through the gateway (/api/docs/<service>); requests made with
// "Try it out" go to the gateway too and need a token ("Authorize": the access token of a signed-in person).
window.ui = SwaggerUIBundle({
  urls: [
    { url: "/api/docs/auth", name: "auth-service" },
    { url: "/api/docs/chat", name: "chat-service" },
    { url: "/api/docs/agent", name: "agent-service" },
    { url: "/api/docs/file", name: "file-service" },
    { url: "/api/docs/mcp", name: "mcp-service" }
  ],
  "urls.primaryName": "chat-service",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout"
});

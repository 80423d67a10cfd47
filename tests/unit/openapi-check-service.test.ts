/** The OpenAPI document names the pre-trade check service: its server (with the running URL), /health and /ready. */
import { describe, expect, it } from "vitest";
import { OPENAPI, openApiDocument } from "@/lib/server/credit-controls/openapi";

describe("the OpenAPI document and the pre-trade check service", () => {
  it("lists the service as a second server of the feed, and its /health and /ready on it only", () => {
    expect(OPENAPI.servers.map((s) => s.url)).toEqual(["/", "http://{host}:{port}"]);
    expect(OPENAPI.servers[1]).toMatchObject({ variables: { host: { default: "127.0.0.1" }, port: { default: "3100" } } });
    expect(Object.keys(OPENAPI.paths)).toEqual(expect.arrayContaining(["/api/credit/check", "/api/orders", "/api/orders/{id}/cancel", "/api/fills", "/health", "/ready"]));
    expect(OPENAPI.paths["/health"].servers).toEqual([OPENAPI.servers[1]]);
    expect(OPENAPI.paths["/ready"].get.responses).toHaveProperty("503");
  });

  it("names the running service's host and port when the portal knows them", () => {
    const doc = openApiDocument("http://10.0.0.5:3456");
    expect(doc.servers[1]).toMatchObject({ variables: { host: { default: "10.0.0.5" }, port: { default: "3456" } } });
    expect((doc.servers[1] as { variables: unknown }).variables).toEqual({ host: { default: "10.0.0.5" }, port: { default: "3456" } });
    expect(doc.paths["/ready"].servers[0]!.variables).toEqual({ host: { default: "10.0.0.5" }, port: { default: "3456" } });
    expect(openApiDocument(undefined)).toBe(OPENAPI);
  });

  it("every $ref points at a schema the document defines", () => {
    const refs = [...JSON.stringify(OPENAPI).matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(OPENAPI.components.schemas).toHaveProperty(r);
  });
});

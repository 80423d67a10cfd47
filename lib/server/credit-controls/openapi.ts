/** The OpenAPI 3.1 description of the member feed and the pre-trade check, served at /api/openapi.json. */
const code = (description: string, maxLength: number) => ({ type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$", maxLength, description });

const orderTerms = {
  executionFirmId: code("Executing Firm ID (GC2 grouping dimension)", 32),
  account: code("account", 32),
  exchange: code("exchange group, e.g. CME, CBOT", 16),
  productComplex: code("product complex, e.g. EQUITY, INTEREST_RATE", 32),
  product: code("product code, e.g. ES", 32),
  derivativeType: { type: "string", enum: ["FUTURE", "OPTION"] },
  side: { type: "string", enum: ["BUY", "SELL"] },
  quantity: { type: "integer", minimum: 1, maximum: 1000000 },
  timeInForce: { type: "string", enum: ["DAY", "GTC", "GTD"] },
  expireDate: { type: "string", format: "date", description: "required for GTD, not allowed otherwise" },
};
const required = ["executionFirmId", "account", "exchange", "productComplex", "product", "derivativeType", "side", "quantity", "timeInForce"];

const error = {
  description: "refused; nothing was stored",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

/** The pre-trade check service (service-server.ts): the feed's paths, /health and /ready. */
const CHECK_SERVICE = {
  url: "http://{host}:{port}",
  description: "the pre-trade check service beside the portal (`npm start`, PORTAL_CHECK_PORT): the same feed, API keys and answers, built for throughput",
  variables: { host: { default: "127.0.0.1" }, port: { default: "3100" } },
};

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Clearing Member Portal: credit controls feed and auction bids",
    version: "1.0.0",
    description:
      "GC2-style pre-trade credit check and the member's order and fill feed (SPEC §4). Authenticate with an API key of your firm (created at /member/api-keys) as `Authorization: Bearer cmp_…`; the firm is always the key's. The check tests, in order: RMI block (reason RMI_BLOCK), clip size (CLIP_SIZE), limit (LIMIT: no grouping, credit-control block, no reference margin rate, or utilization after the order over the grouping's futures or options limit). A LIMIT rejection for utilization fires the grouping's breach actions (e-mail, block, cancel) once per breach: per grouping version, derivative type and trading day. The feed's four paths are served both by the portal and by the pre-trade check service beside it (the second server: same keys, checks and answers; its /health and /ready are its own).",
  },
  servers: [
    { url: "/", description: "the portal (Next.js)" },
    CHECK_SERVICE,
  ],
  security: [{ apiKey: [] }],
  paths: {
    "/health": {
      servers: [CHECK_SERVICE],
      get: {
        summary: "Liveness of the pre-trade check service (no database access)",
        security: [],
        responses: { "200": { description: "alive", content: { "application/json": { schema: { type: "object", properties: { status: { const: "ok" }, uptimeSeconds: { type: "integer" }, time: { type: "string", format: "date-time" } } } } } } },
      },
    },
    "/ready": {
      servers: [CHECK_SERVICE],
      get: {
        summary: "Readiness of the pre-trade check service: the database answers, every migration is applied, and it is listening for credit state changes",
        security: [],
        responses: {
          "200": { description: "ready", content: { "application/json": { schema: { $ref: "#/components/schemas/Readiness" } } } },
          "503": { description: "not ready (the failing check says why)", content: { "application/json": { schema: { $ref: "#/components/schemas/Readiness" } } } },
        },
      },
    },
    "/api/credit/check": {
      post: {
        summary: "Pre-trade check of an order (nothing is stored unless a limit breach fires its actions)",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/OrderTerms" } } } },
        responses: { "200": { description: "the decision", content: { "application/json": { schema: { $ref: "#/components/schemas/CheckAnswer" } } } }, "400": error, "401": error, "422": error },
      },
    },
    "/api/orders": {
      post: {
        summary: "Enter a working order: pre-trade checked, stored before the answer when accepted",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NewOrder" } } } },
        responses: {
          "201": { description: "accepted and stored as WORKING", content: { "application/json": { schema: { $ref: "#/components/schemas/OrderAnswer" } } } },
          "200": { description: "rejected by the check; not stored", content: { "application/json": { schema: { $ref: "#/components/schemas/OrderAnswer" } } } },
          "400": error,
          "401": error,
          "409": error,
          "422": error,
        },
      },
    },
    "/api/orders/{id}/cancel": {
      post: {
        summary: "Cancel a working order",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, description: "the clientOrderId (or the portal's order id)" }],
        responses: { "200": { description: "cancelled", content: { "application/json": { schema: { $ref: "#/components/schemas/OrderState" } } } }, "401": error, "404": error, "409": error },
      },
    },
    "/api/fills": {
      post: {
        summary: "Record a fill of a working order",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Fill" } } } },
        responses: { "201": { description: "stored", content: { "application/json": { schema: { $ref: "#/components/schemas/OrderState" } } } }, "400": error, "401": error, "404": error, "409": error, "422": error },
      },
    },
    "/api/auctions/{id}/bids": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" }, description: "the auction (from the invitation e-mail or /member/default-management)" }],
      post: {
        summary: "Submit or replace your firm's sealed bid in a default auction (SPEC §7, Rule 914)",
        description:
          "Accepted only while the clearing house's database clock is inside the auction's window and the auction is open; the 201 answer comes after the bid is stored. Only your last bid counts; all are kept. Send an Idempotency-Key header: a retry with the same key answers the stored receipt and stores nothing; the same key with another amount is refused (422).",
        parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 } }],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Bid" } } } },
        responses: { "201": { description: "stored: the receipt", content: { "application/json": { schema: { $ref: "#/components/schemas/BidReceipt" } } } }, "400": error, "401": error, "403": error, "404": error, "409": error, "422": error },
      },
      get: {
        summary: "Your firm's own bids in the auction, newest first (never another firm's)",
        responses: { "200": { description: "your bids", content: { "application/json": { schema: { type: "object", properties: { bids: { type: "array", items: { allOf: [{ $ref: "#/components/schemas/BidReceipt" }, { type: "object", properties: { counts: { type: "boolean", description: "the last bid: the one that counts" } } }] } } } } } } }, "401": error, "404": error },
      },
    },
  },
  components: {
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "an API key of your firm: cmp_<prefix>_<secret>" } },
    schemas: {
      OrderTerms: { type: "object", additionalProperties: false, properties: orderTerms, required },
      NewOrder: { type: "object", additionalProperties: false, properties: { clientOrderId: { type: "string", maxLength: 64, description: "your id for the order, unique in your firm" }, ...orderTerms }, required: ["clientOrderId", ...required] },
      Fill: {
        type: "object",
        additionalProperties: false,
        properties: { clientFillId: { type: "string", maxLength: 64 }, clientOrderId: { type: "string", maxLength: 64 }, quantity: { type: "integer", minimum: 1 }, price: { type: "string", pattern: "^-?\\d{1,16}(\\.\\d{1,8})?$" } },
        required: ["clientFillId", "clientOrderId", "quantity", "price"],
      },
      CheckAnswer: {
        type: "object",
        properties: {
          decision: { type: "string", enum: ["ACCEPT", "REJECT"] },
          reason: { type: "string", enum: ["RMI_BLOCK", "CLIP_SIZE", "LIMIT"] },
          rule: { type: "string", enum: ["BLOCKED", "KILL_SWITCH", "CLIP_SIZE", "NO_GROUPING", "CREDIT_BLOCK", "NO_RATE", "LIMIT_EXCEEDED"] },
          message: { type: "string" },
          grouping: { type: "string", description: "executionFirmId|exchange|productComplex" },
          derivativeType: { type: "string", enum: ["FUTURE", "OPTION"] },
          utilizationAfter: { type: "string", description: "money, two decimals" },
          limit: { type: "string" },
          tradingDate: { type: "string", format: "date" },
        },
        required: ["decision", "grouping", "derivativeType", "tradingDate"],
      },
      OrderAnswer: { allOf: [{ $ref: "#/components/schemas/CheckAnswer" }, { type: "object", properties: { clientOrderId: { type: "string" }, orderId: { type: "string", format: "uuid" }, state: { type: "string" } } }] },
      OrderState: {
        type: "object",
        properties: { orderId: { type: "string", format: "uuid" }, clientOrderId: { type: "string" }, state: { type: "string", enum: ["WORKING", "PARTIALLY_FILLED", "FILLED", "CANCELLED", "EXPIRED"] }, filledQuantity: { type: "integer" }, remaining: { type: "integer" } },
      },
      Bid: { type: "object", additionalProperties: false, properties: { amount: { type: "string", pattern: "^-?\\d{1,18}(\\.\\d{1,2})?$", description: "dollars and cents you pay to take the portfolio; negative: what you must be paid" } }, required: ["amount"] },
      BidReceipt: { type: "object", properties: { reference: { type: "string" }, auction: { type: "string" }, amount: { type: "string" }, submittedAt: { type: "string", format: "date-time", description: "the clearing house's clock when the bid was accepted" }, closesAt: { type: "string", format: "date-time" } }, required: ["reference", "amount", "submittedAt"] },
      Readiness: {
        type: "object",
        properties: {
          status: { type: "string", enum: ["ready", "not-ready"] },
          checks: { type: "object", additionalProperties: { type: "object", properties: { ok: { type: "boolean" }, detail: { type: "string" } }, required: ["ok"] }, description: "database, migrations, notices" },
        },
        required: ["status", "checks"],
      },
      Error: { type: "object", properties: { error: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } }, required: ["field", "message"] } }, required: ["error"] },
    },
  },
} as const;

/** The document as served: the check service's server names its running URL (PORTAL_CHECK_URL) when there is one. */
export function openApiDocument(checkUrl: string | undefined = process.env.PORTAL_CHECK_URL) {
  const m = checkUrl ? /^http:\/\/([^/:]+):(\d+)\/?$/.exec(checkUrl) : null;
  if (!m) return OPENAPI;
  const service = { ...CHECK_SERVICE, variables: { host: { default: m[1]! }, port: { default: m[2]! } } };
  return {
    ...OPENAPI,
    servers: [OPENAPI.servers[0], service],
    paths: { ...OPENAPI.paths, "/health": { ...OPENAPI.paths["/health"], servers: [service] }, "/ready": { ...OPENAPI.paths["/ready"], servers: [service] } },
  };
}

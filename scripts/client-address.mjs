/**
 * Preloaded into the web server by scripts/start.ts (node --import): unless the portal
 * trusts a proxy in front of it (PORTAL_TRUST_PROXY_HEADERS=1), a request's X-Forwarded-For is
 * replaced with the TCP peer's address before Next.js sees it, and X-Real-IP is dropped, so a
 * client cannot choose the address the sign-in and access logs record (lib/server/client.ts).
 */
import http from "node:http";

if (process.env.PORTAL_TRUST_PROXY_HEADERS !== "1") {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithPeerAddress(event, req, ...rest) {
    if (event === "request" && req && req.headers && req.socket) {
      // An IPv4 peer of a dual-stack socket as its IPv4 address.
      req.headers["x-forwarded-for"] = (req.socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
      delete req.headers["x-real-ip"];
    }
    return emit.call(this, event, req, ...rest);
  };
}

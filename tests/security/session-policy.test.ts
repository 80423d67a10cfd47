import { describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionState } from "@/lib/auth/session-policy";

const now = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const user = { sessionVersion: 3, disabledAt: null };

describe("session policy (revocable sessions, idle and absolute timeouts)", () => {
  it("an active session stays active", () => {
    expect(sessionState({ createdAt: ago(60_000), lastSeenAt: ago(1_000), revokedAt: null, sessionVersion: 3 }, user, now)).toBe("active");
  });
  it("ends after the idle timeout without a request", () => {
    expect(sessionState({ createdAt: ago(SESSION_IDLE_MS + 5_000), lastSeenAt: ago(SESSION_IDLE_MS + 1), revokedAt: null, sessionVersion: 3 }, user, now)).toBe("idle");
  });
  it("ends at the absolute timeout even when active", () => {
    expect(sessionState({ createdAt: ago(SESSION_ABSOLUTE_MS + 1), lastSeenAt: ago(1_000), revokedAt: null, sessionVersion: 3 }, user, now)).toBe("expired");
  });
  it("ends when the user's session version moved on (all sessions revoked)", () => {
    expect(sessionState({ createdAt: ago(1_000), lastSeenAt: ago(1_000), revokedAt: null, sessionVersion: 2 }, user, now)).toBe("superseded");
  });
  it("ends when revoked or the user is disabled", () => {
    expect(sessionState({ createdAt: ago(1_000), lastSeenAt: ago(1_000), revokedAt: ago(10), sessionVersion: 3 }, user, now)).toBe("revoked");
    expect(sessionState({ createdAt: ago(1_000), lastSeenAt: ago(1_000), revokedAt: null, sessionVersion: 3 }, { ...user, disabledAt: ago(5) }, now)).toBe("disabled");
  });
});

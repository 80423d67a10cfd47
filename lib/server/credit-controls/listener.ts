/**
 * Hears every change of any firm's credit state: LISTEN on the channel that bumpVersion
 * notifies in the transaction of the change (orders, fills, cancels, limit versions, RMI
 * blocks, kill switches, breaches). While connected, this instance trusts its in-memory copies
 * until a notice names a newer version, so a change applies as soon as its notice arrives
 * (milliseconds), not on a poll. When the connection drops, the copies fall back to polling
 * (CREDIT_STATE_POLL_MS) and the listener reconnects; once listening again it reloads every
 * firm, since notices sent in between are lost.
 */
import "server-only";
import pg from "pg";
import { CREDIT_STATE_CHANNEL, setListening, versionAnnounced } from "./state";

export interface CreditStateListener {
  /** listening now */
  readonly connected: () => boolean;
  /** notices received since the start */
  readonly notices: () => number;
  /** resolves once the first LISTEN is in place */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

const NOTICE = /^([0-9a-f-]{36}):(\d+)$/;

export function listenForCreditChanges(databaseUrl: string, log: (line: string) => void = () => {}): CreditStateListener {
  let client: pg.Client | null = null;
  let connected = false;
  let stopped = false;
  let notices = 0;
  let retryMs = 100;
  let timer: NodeJS.Timeout | null = null;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const lost = (why: string) => {
    if (!connected && client === null) return;
    connected = false;
    setListening(false);
    const c = client;
    client = null;
    c?.removeAllListeners();
    c?.on("error", () => {}); // a late error of the dropped connection
    void c?.end().catch(() => {});
    if (stopped) return;
    log(`credit state notices lost (${why}); polling every CREDIT_STATE_POLL_MS until reconnected`);
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5_000);
  };

  const connect = () => {
    timer = null;
    if (stopped) return;
    const c = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    client = c;
    c.on("notification", (n) => {
      const m = n.channel === CREDIT_STATE_CHANNEL ? NOTICE.exec(n.payload ?? "") : null;
      if (!m) return;
      notices++;
      versionAnnounced(m[1]!, BigInt(m[2]!));
    });
    c.on("error", (e) => lost(e.message));
    c.on("end", () => lost("connection closed"));
    c.connect()
      .then(() => c.query(`LISTEN ${CREDIT_STATE_CHANNEL}`))
      .then(() => {
        if (client !== c) return;
        connected = true;
        retryMs = 100;
        // Notices sent before LISTEN (or while disconnected) are not replayed: read every firm afresh.
        setListening(true);
        markReady();
      })
      .catch((e: unknown) => lost(e instanceof Error ? e.message : String(e)));
  };

  connect();
  return {
    connected: () => connected,
    notices: () => notices,
    ready,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      setListening(false);
      const c = client;
      client = null;
      connected = false;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}

"use client";

import { useEffect, useState } from "react";

function left(ms: number): string {
  if (ms <= 0) return "deadline reached";
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d ? `${d} d ` : ""}${d || h ? `${h} h ` : ""}${pad(m)} min ${pad(sec)} s left`;
}

/**
 * Time left until `closesAt` by the clearing house's clock: the page was rendered at
 * `serverNow` (the database's clock), so the browser's own clock is only used to tick, corrected
 * by the difference it had when the page arrived. The server decides whether a bid is in time.
 */
export function Countdown({ closesAt, serverNow, onReached }: { closesAt: string; serverNow: string; onReached?: () => void }) {
  const deadline = new Date(closesAt).getTime();
  const [remaining, setRemaining] = useState(() => deadline - new Date(serverNow).getTime());
  useEffect(() => {
    const offset = new Date(serverNow).getTime() - Date.now();
    let reached = false;
    const tick = () => {
      const ms = deadline - (Date.now() + offset);
      setRemaining(ms);
      if (ms <= 0 && !reached) {
        reached = true;
        onReached?.();
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [deadline, serverNow, onReached]);
  return (
    <span data-testid="countdown" className={remaining <= 60_000 ? "font-semibold text-red-800" : "font-semibold"}>
      {left(remaining)}
    </span>
  );
}

"use client";

import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState } from "react";

interface FlashMessage {
  readonly text: string;
  /** the page it was given on: it is shown there only */
  readonly path: string;
}

const FlashContext = createContext<(message: FlashMessage) => void>(() => {});

/**
 * The confirmation line of a page whose form went away: an action done from a form that the
 * refreshed page no longer shows (an approved application, a closed auction, a run waterfall)
 * hands its confirmation here, so the outcome stays on the page after the refresh. One per
 * signed-in page (AppShell); it is kept across refreshes and shown only on the page it came from.
 */
export function FlashProvider({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  const [message, setMessage] = useState<FlashMessage | null>(null);
  // Another page: the confirmation is not shown again when the user comes back.
  const [page, setPage] = useState(pathname);
  if (page !== pathname) {
    setPage(pathname);
    setMessage(null);
  }
  const line = useRef<HTMLParagraphElement>(null);
  const shown = message !== null && message.path === pathname;
  useEffect(() => {
    if (shown) line.current?.scrollIntoView({ block: "nearest" });
  }, [shown, message]);
  return (
    <FlashContext.Provider value={setMessage}>
      {shown ? (
        <p ref={line} role="status" data-testid="flash" className="mb-4 rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900">
          {message.text}
        </p>
      ) : null}
      {children}
    </FlashContext.Provider>
  );
}

/**
 * Keeps a form's confirmation on the page when the form itself goes away: while the form is
 * shown, `done` is its own status line; once the refresh removes the form, `done` moves to the
 * page's confirmation line (FlashProvider).
 */
export function useKeepConfirmation(done: string | null): void {
  const flash = useContext(FlashContext);
  const last = useRef<FlashMessage | null>(null);
  useEffect(() => {
    last.current = done === null ? null : { text: done, path: window.location.pathname };
  }, [done]);
  useEffect(() => {
    const kept = last;
    return () => {
      if (kept.current) flash(kept.current);
    };
  }, [flash]);
}

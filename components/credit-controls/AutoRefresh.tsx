"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Keeps a live view current: re-renders the page's server data every few seconds while it is visible. */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => window.clearInterval(id);
  }, [router, seconds]);
  return <p className="text-xs text-slate-500">Refreshes every {seconds} seconds.</p>;
}

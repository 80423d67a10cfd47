"use client";

import { useLayoutEffect, useRef } from "react";

/**
 * A field's error line. Its space is always kept: one line, or the tallest message it has shown
 * here. An error that appears or clears when a field loses focus (the pointer going down on the
 * button below it) so never moves the button from under the pointer, and one press does what the
 * button says.
 */
export function FieldError({ message }: { message?: string | string[] }) {
  const text = Array.isArray(message) ? message.join(" ") : message;
  const line = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const p = line.current;
    // Grows with a longer message, never shrinks; a hidden line (height 0) keeps what it had.
    if (p && p.offsetHeight > 0) p.style.minHeight = `${p.offsetHeight}px`;
  }, [text]);
  return <p ref={line} className="mt-1 min-h-5 text-sm text-red-700">{text}</p>;
}

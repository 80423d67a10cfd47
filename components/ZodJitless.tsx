"use client";
/**
 * Zod compiles fast parsers with `new Function` when it may; under the portal's
 * Content-Security-Policy (no 'unsafe-eval') its probe for that is a reported violation. Set
 * before any form parses (module evaluation precedes rendering), this keeps zod interpreted.
 */
import { z } from "zod";

z.config({ jitless: true });

export function ZodJitless(): null {
  return null;
}

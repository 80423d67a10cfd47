/**
 * The one expected error of the portal: a refusal the user can act on. It carries a code (what
 * kind of refusal, for logs and API clients), the message the user reads, the fields it names
 * (each with its own message, as forms show them) and the HTTP status a route answers with.
 * The server-action wrapper (lib/server/action.ts) and its JSON route (lib/server/action-route.ts)
 * map it once: `{ ok: false, formError, fieldErrors }` and `{ error: { field, message, fieldErrors } }`
 * with `status`. Anything else thrown is unexpected: logged, answered with a reference id.
 * Client-safe (no imports).
 */

/** Messages per field, as forms show them ("_form" for the form as a whole). */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  /**
   * @param code what kind of refusal ("refused", "bid-refused", "filing-refused", …)
   * @param message what the user reads; says what was refused and that nothing was changed
   * @param fieldErrors the fields named, each with its message
   * @param status the HTTP status a route answers with (422 unless told)
   */
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly status: number = 422,
  ) {
    super(message);
    this.name = "DomainError";
  }

  /** The first field named, or null when the refusal is about the whole request. */
  get field(): string | null {
    return Object.keys(this.fieldErrors ?? {})[0] ?? null;
  }
}

/** A refusal naming one field with the message shown next to it. */
export function fieldRefusal(code: string, message: string, field: string | null, status = 422, fieldMessage = message): DomainError {
  return new DomainError(code, message, field === null ? undefined : { [field]: [fieldMessage] }, status);
}

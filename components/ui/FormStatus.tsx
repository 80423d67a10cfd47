/** The outcome line under a form: the refusal (alert) or the confirmation (status). */
export function FormStatus({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
      {done ? <p role="status" className="mt-2 text-sm text-green-800">{done}</p> : null}
    </>
  );
}

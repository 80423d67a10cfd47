import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-3 text-slate-700" role="alert">
        Your role does not give access to this page, or it belongs to another firm. The attempt has been recorded in the audit trail.
      </p>
      <Link className="mt-6 inline-block text-blue-700 underline" href="/">
        Back to your home page
      </Link>
    </main>
  );
}

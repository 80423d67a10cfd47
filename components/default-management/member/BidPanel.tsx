"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { formatUtc } from "@/components/format";
import { formatMoney } from "@/components/filings/format";
import { newSubmissionKey } from "@/components/ui/call-action";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { bidSchema } from "@/lib/validation/default-management";
import { Countdown } from "./Countdown";

export interface OwnBid {
  readonly reference: string;
  readonly amount: string;
  readonly submittedAt: string;
  readonly counts: boolean;
}

interface Receipt {
  readonly reference: string;
  readonly auction: string;
  readonly amount: string;
  readonly submittedAt: string;
  readonly closesAt: string;
}

type Values = z.input<typeof bidSchema>;

const utc = (iso: string) => formatUtc(new Date(iso));

function describe(amount: string): string | null {
  if (!/^-?\d{1,18}(\.\d{1,2})?$/.test(amount.trim())) return null;
  const a = amount.trim();
  if (/^-?0+(\.0+)?$/.test(a)) return "A bid of zero: your firm takes the portfolio for nothing.";
  return a.startsWith("-") ? `Your firm asks to be paid ${formatMoney(a.slice(1))} to take the portfolio.` : `Your firm offers to pay ${formatMoney(a)} to take the portfolio.`;
}

/** Sends once with the key; on a network failure retries with the same key, so the bid is stored at most once. */
async function send(auctionId: string, amount: string, key: string): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(`/api/auctions/${auctionId}/bids`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": key }, body: JSON.stringify({ amount }) });
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    }
  }
  throw lastError;
}

/**
 * The live part of an auction page: the countdown, the sealed bid form (risk admins, while the
 * auction is open), the receipt of the last bid sent from here and the firm's own bids.
 */
export function BidPanel({
  auctionId,
  closesAt,
  serverNow,
  open,
  canBid,
  initialBids,
  portfolioPerformanceBond,
}: {
  auctionId: string;
  closesAt: string;
  serverNow: string;
  open: boolean;
  canBid: boolean;
  initialBids: readonly OwnBid[];
  portfolioPerformanceBond: string;
}) {
  const router = useRouter();
  const [bids, setBids] = useState<readonly OwnBid[]>(initialBids);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const [reached, setReached] = useState(false);
  const inFlight = useRef(false);
  /** The submission not yet answered: the same amount sent again reuses its key (a retry, stored once). */
  const pending = useRef<{ amount: string; key: string } | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(bidSchema), defaultValues: { amount: "" } });
  const amount = useWatch({ control: form.control, name: "amount" });
  // The form stays: only the clearing house's answer (409) says the auction has closed.
  const onReached = useCallback(() => setReached(true), []);

  const refreshBids = async () => {
    const res = await fetch(`/api/auctions/${auctionId}/bids`, { cache: "no-store" });
    if (res.ok) setBids(((await res.json()) as { bids: OwnBid[] }).bids);
  };

  const submit = async (values: Values) => {
    if (inFlight.current) return; // a double click sends one request
    inFlight.current = true;
    setError(null);
    const key = pending.current?.amount === values.amount ? pending.current.key : newSubmissionKey("bid");
    pending.current = { amount: values.amount, key };
    try {
      let res: Response;
      try {
        res = await send(auctionId, values.amount, key);
      } catch {
        setError("No answer from the clearing house, so it is not known whether the bid arrived. Submit again with the same amount: the same key is sent, so the bid is stored at most once.");
        return;
      }
      const body = (await res.json().catch(() => ({}))) as Partial<Receipt> & { error?: { field?: string; message?: string } };
      if (res.status === 201 || res.status === 200) {
        pending.current = null;
        setReceipt(body as Receipt);
        form.reset({ amount: "" });
        await refreshBids();
        return;
      }
      pending.current = null;
      const message = body.error?.message ?? `The bid was refused (${res.status}).`;
      if (res.status === 409) {
        setClosed(`The auction has closed: ${message}.`);
        router.refresh();
        return;
      }
      if (res.status === 422 && body.error?.field === "amount") form.setError("amount", { message });
      setError(`The bid was not accepted: ${message}.`);
    } finally {
      inFlight.current = false;
    }
  };
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => form.handleSubmit(submit)(e);

  const half = (() => {
    const [i, f = "00"] = portfolioPerformanceBond.split(".");
    // Half of a decimal string, exactly to the cent (rounded down), without floats.
    const cents = BigInt(i!) * 100n + BigInt(f.padEnd(2, "0").slice(0, 2));
    const h = cents / 2n;
    return `${h / 100n}.${String(h % 100n).padStart(2, "0")}`;
  })();

  return (
    <div className="space-y-4">
      <p className="text-sm">
        {open ? <>Bids close at <strong>{utc(closesAt)}</strong>: <Countdown closesAt={closesAt} serverNow={serverNow} onReached={onReached} />.</> : null}{" "}
        The clearing house&apos;s clock is authoritative: a bid is in time only if the clearing house receives it before the deadline by its own clock, whatever this countdown shows.
      </p>
      {reached && !closed ? <p role="status" className="text-sm text-amber-800">The deadline has been reached by the clearing house&apos;s clock as estimated on this page; a bid sent now will be refused if it arrives late.</p> : null}
      {closed ? <p role="alert" className="text-sm text-red-700">{closed}</p> : null}
      {open && !closed ? (
        canBid ? (
          <form onSubmit={onSubmit} className={formBox} aria-label="Sealed bid" noValidate>
            <h3 className="font-semibold">Your sealed bid</h3>
            <p className="text-sm text-slate-600">
              The amount your firm pays to take the whole portfolio, in US dollars and cents. A <strong>negative</strong> amount is what your firm must be paid to take it.
              No other member sees your bid, before or after the close. A bid less than half the portfolio&apos;s performance bond requirement ({formatMoney(half)}) from the winning bid is competitive.
            </p>
            <label className="mt-2 block text-sm">Bid amount (USD)
              <input className={`${formInput} block w-64`} inputMode="decimal" autoComplete="off" placeholder="e.g. 125000.00 or -40000" {...form.register("amount")} aria-invalid={Boolean(form.formState.errors.amount)} aria-describedby="bid-meaning" />
            </label>
            <p id="bid-meaning" className="mt-1 text-sm text-slate-700">{describe(amount ?? "") ?? " "}</p>
            <FieldError message={form.formState.errors.amount?.message} />
            <button type="submit" className={`${formButton} mt-2`} disabled={form.formState.isSubmitting}>Submit sealed bid</button>
            <FormStatus error={error} done={null} />
          </form>
        ) : (
          <p className="rounded border border-slate-200 bg-slate-50 p-3 text-sm">Only your firm&apos;s risk administrators may bid (a bid is a risk decision). You can follow the auction and your firm&apos;s bids here.</p>
        )
      ) : null}
      {receipt ? (
        <div role="status" aria-label="Bid receipt" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          <p className="font-semibold">Bid accepted: {receipt.reference}</p>
          <p>Amount {formatMoney(receipt.amount)} in auction {receipt.auction}, accepted at {utc(receipt.submittedAt)} by the clearing house&apos;s clock (closes {utc(receipt.closesAt)}).</p>
          <p>Submit again to replace your bid: only the last counts; all are kept.</p>
        </div>
      ) : null}
      <section aria-labelledby="own-bids">
        <h2 id="own-bids" className="text-lg font-semibold">Your firm&apos;s bids</h2>
        {bids.length === 0 ? <p className="text-sm">Your firm has not bid in this auction.</p> : (
          <table className="[&_td]:pr-3 [&_th]:pr-3 mt-2 w-full text-sm" aria-label="Your bids">
            <thead className="text-left text-slate-500"><tr><th>Reference</th><th className="text-right">Amount</th><th>Accepted at (clearing house clock)</th><th>Status</th></tr></thead>
            <tbody>
              {bids.map((b) => (
                <tr key={b.reference} className={`border-t border-slate-200 ${b.counts ? "font-semibold" : ""}`}>
                  <td>{b.reference}</td><td className="text-right">{formatMoney(b.amount)}</td><td>{utc(b.submittedAt)}</td><td>{b.counts ? "counts (last bid)" : "replaced"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

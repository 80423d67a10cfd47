"use client";

import { useWatch } from "react-hook-form";
import type { z } from "zod";
import { formatUsd } from "@/components/format";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { useActionForm } from "@/components/ui/useActionForm";
import { closeDefaultAuction, createDefaultAuction, designateDefaultWinners } from "@/lib/server/default-management/actions";
import { closeAuctionSchema, createAuctionSchema, designateWinnersSchema } from "@/lib/validation/default-management";
import type { FirmChoice } from "./form-errors";

type CreateValues = z.input<typeof createAuctionSchema>;
export interface AuctionCategoryChoice {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** the defaulter's proprietary positions in the category (the portfolio) */
  readonly positions: number;
  /** codes of the mandated bidders the roster adds automatically */
  readonly mandated: readonly string[];
  /** an auction of this default already offers the category */
  readonly auctioned: boolean;
}

/** The category to offer next: the first with positions and no auction yet (then any without an auction). */
function nextCategory(categories: readonly AuctionCategoryChoice[], alsoDone?: string): AuctionCategoryChoice | undefined {
  const open = categories.filter((c) => !c.auctioned && c.id !== alsoDone);
  return open.find((c) => c.positions > 0) ?? open[0] ?? categories[0];
}

/** Offers the defaulter's proprietary portfolio in one category to mandated and voluntary bidders. */
export function CreateAuctionForm({ defaultId, categories, firms, defaultClosesAt }: { defaultId: string; categories: readonly AuctionCategoryChoice[]; firms: readonly FirmChoice[]; defaultClosesAt: string }) {
  const first = nextCategory(categories);
  const { form, onSubmit, error, done } = useActionForm({
    schema: createAuctionSchema,
    defaultValues: { defaultId, categoryId: first?.id ?? "", opensAt: "", closesAt: defaultClosesAt, voluntaryFirmIds: [] } satisfies CreateValues,
    action: createDefaultAuction,
    refused: "Not created.",
    done: (data) => `Auction ${data.reference} created; the invited members have been told.`,
    after: (_data, values, f) => f.reset({ defaultId, categoryId: nextCategory(categories, values.categoryId)?.id ?? "", opensAt: "", closesAt: defaultClosesAt, voluntaryFirmIds: [] }),
  });
  const categoryId = useWatch({ control: form.control, name: "categoryId" });
  const voluntary = useWatch({ control: form.control, name: "voluntaryFirmIds" }) ?? [];
  const category = categories.find((c) => c.id === categoryId);
  // a mandated bidder of the category is invited as mandated (Rule 914), so it is not offered again as voluntary
  const voluntaryFirms = firms.filter((f) => !category?.mandated.includes(f.code));
  const toggle = (id: string, on: boolean) => form.setValue("voluntaryFirmIds", on ? [...voluntary.filter((x) => x !== id), id] : voluntary.filter((x) => x !== id));
  return (
    <form onSubmit={onSubmit} className={formBox} aria-label="Create an auction" noValidate>
      <h3 className="font-semibold">Create an auction</h3>
      <p className="text-sm text-slate-600">Times are UTC. Bids are accepted until the closing time by the clearing house&apos;s clock; the auction then closes by itself.</p>
      <div className="mt-2 flex flex-wrap items-start gap-3">
        <div>
          <label className="text-sm">Category
            <select className={`${formInput} block`} {...form.register("categoryId")}>
              {categories.map((c) => <option key={c.id} value={c.id}>{c.code} · {c.name}{c.auctioned ? " (auction created)" : ""}</option>)}
            </select>
          </label>
          <FieldError message={form.formState.errors.categoryId?.message} />
        </div>
        <div>
          <label className="text-sm">Opens at (UTC, optional)<input type="datetime-local" className={`${formInput} block`} {...form.register("opensAt")} /></label>
          <FieldError message={form.formState.errors.opensAt?.message} />
        </div>
        <div>
          <label className="text-sm">Closes at (UTC)<input type="datetime-local" className={`${formInput} block`} {...form.register("closesAt")} /></label>
          <FieldError message={form.formState.errors.closesAt?.message} />
        </div>
      </div>
      {category ? (
        <p className="mt-2 text-sm" data-testid="auction-mandated">
          Portfolio: {category.positions === 0 ? `the defaulter has no proprietary positions in ${category.code}` : `${category.positions} proprietary position(s) of the defaulter in ${category.code}`}.{" "}
          Mandated bidders added from the roster: {category.mandated.length ? category.mandated.join(", ") : "none (no notified roster, or none active)"}.
        </p>
      ) : null}
      <fieldset className="mt-2 text-sm">
        <legend>Voluntary bidders</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {voluntaryFirms.map((f) => (
            <label key={f.id} className="inline-flex items-center gap-1" title={f.legalName}>
              <input type="checkbox" checked={voluntary.includes(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} aria-label={`Invite ${f.code}`} />
              {f.code}
            </label>
          ))}
        </div>
        <FieldError message={form.formState.errors.voluntaryFirmIds?.message} />
      </fieldset>
      <FieldError message={form.formState.errors.defaultId?.message} />
      <button type="submit" className={`${formButton} mt-3`} disabled={form.formState.isSubmitting}>Create the auction</button>
      <FormStatus error={error} done={done} />
    </form>
  );
}

type CloseValues = z.input<typeof closeAuctionSchema>;

/** Closes an open auction before its deadline (a reason is required); the best bid wins. */
export function CloseAuctionForm({ auctionId, reference }: { auctionId: string; reference: string }) {
  const { form, onSubmit, error, done } = useActionForm({
    schema: closeAuctionSchema,
    defaultValues: { auctionId, reason: "", winners: [] } satisfies CloseValues,
    action: closeDefaultAuction,
    refused: "Not closed.",
    done: (data) => `Closed. ${data.winningBid === null ? "No bid was received." : `Winning bid ${formatUsd(data.winningBid)} by ${data.winners.join(", ")}.`}`,
  });
  return (
    <form onSubmit={onSubmit} className="mt-2" aria-label={`Close ${reference} early`} noValidate>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label className="text-sm">Reason for closing early<input className={`${formInput} block w-96`} {...form.register("reason")} /></label>
        </div>
        <button type="submit" className={formButton} disabled={form.formState.isSubmitting}>Close the auction now</button>
      </div>
      <FieldError message={form.formState.errors.reason?.message} />
      <p className="mt-1 text-xs text-slate-600">The best bid wins (the highest amount offered). Every invited member is told its own result.</p>
      <FormStatus error={error} done={done} />
    </form>
  );
}

type DesignateValues = z.input<typeof designateWinnersSchema>;

/**
 * Designates a closed auction's winning bidder(s) by hand, with the reason (seed 003: the
 * clearing house's "discretion to select the best bid … based on the totality of the
 * circumstances"), until the default's waterfall has run on the result.
 */
export function DesignateWinnersForm({ auctionId, reference, bidders, winners }: { auctionId: string; reference: string; bidders: readonly { firmId: string; label: string }[]; winners: readonly string[] }) {
  const { form, onSubmit, error, done } = useActionForm({
    schema: designateWinnersSchema,
    defaultValues: { auctionId, winners: [...winners], reason: "" } satisfies DesignateValues,
    action: designateDefaultWinners,
    refused: "Not changed.",
    done: (data) => `Winners designated: ${data.winners.join(", ")}${data.winningBid === null ? "" : ` (winning bid ${formatUsd(data.winningBid)})`}. ${data.notified} member(s) whose result changed were told.`,
    after: (_data, values, f) => f.reset({ ...values, reason: "" }),
  });
  return (
    <form onSubmit={onSubmit} className="mt-2 rounded border border-slate-200 p-3" aria-label={`Designate the winners of ${reference}`} noValidate>
      <fieldset>
        <legend className="text-sm font-medium">Designate the winning bidder(s)</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {bidders.map((b) => (
            <label key={b.firmId} className="flex items-center gap-1 text-sm"><input type="checkbox" value={b.firmId} {...form.register("winners")} /> {b.label}</label>
          ))}
        </div>
      </fieldset>
      <FieldError message={form.formState.errors.winners?.message ?? form.formState.errors.winners?.root?.message} />
      <label className="mt-2 block text-sm">Reason (the totality of the circumstances)<input className={`${formInput} block w-96`} {...form.register("reason")} /></label>
      <FieldError message={form.formState.errors.reason?.message} />
      <button type="submit" className={`${formButton} mt-2`} disabled={form.formState.isSubmitting}>Designate</button>
      <p className="mt-1 text-xs text-slate-600">The auction is classified again with these winners; members whose result changes are told. Possible until the waterfall for this default has run.</p>
      <FormStatus error={error} done={done} />
    </form>
  );
}

"use client";

import { useFieldArray, type FieldValues, type UseFormReturn } from "react-hook-form";
import { EXCHANGES, LEGAL_FORMS } from "@/lib/risk/membership";
import { CheckField, ErrorAt, SelectField, TextField, TRI_OPTIONS } from "./fields";

type Form = UseFormReturn<FieldValues>;

const LEGAL_FORM_TEXT: Record<string, string> = {
  "c-corporation": "C corporation",
  "s-corporation": "Subchapter S corporation",
  llc: "Limited liability company",
  "limited-partnership": "Limited partnership",
  "general-partnership": "General partnership",
  cooperative: "Cooperative association",
  other: "Other",
};

export function FirmStep({ form }: { form: Form }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TextField form={form} name="legalName" />
      <SelectField form={form} name="legalForm" options={LEGAL_FORMS.map((f) => [f, LEGAL_FORM_TEXT[f] ?? f] as const)} />
      <TextField form={form} name="country" hint="e.g. US, GB, DE" />
      <SelectField form={form} name="hedgeFundRole" options={[["none", "Not a hedge fund"], ["fund", "The hedge fund itself"], ["investment-manager", "A hedge fund's investment manager"]]} />
      <div className="space-y-1">
        <CheckField form={form} name="qualifiedInIllinois" />
        <CheckField form={form} name="qualifiedInNewYork" />
        <CheckField form={form} name="agencyAgreement" />
        <p className="text-xs text-slate-500">With an agency agreement, upload it under Policies.</p>
      </div>
      <div className="space-y-1">
        <CheckField form={form} name="isBank" />
        <CheckField form={form} name="fcmRegistered" />
        <CheckField form={form} name="clearsForCustomers" />
        <CheckField form={form} name="brokerDealer" />
      </div>
      <SelectField form={form} name="regulatoryApprovalsReceived" options={TRI_OPTIONS} />
      <SelectField form={form} name="goodStanding" options={TRI_OPTIONS} />
    </div>
  );
}

export function ScopeStep({ form }: { form: Form }) {
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium">Exchanges applied for (none: OTC Derivatives Clearing Member only)</legend>
        <div className="mt-1 flex gap-4">
          {EXCHANGES.map((e) => (
            <label key={e} className="flex items-center gap-1 text-sm">
              <input type="checkbox" value={e} {...form.register("exchanges")} /> {e}
            </label>
          ))}
        </div>
        <ErrorAt form={form} name="exchanges" />
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Products to clear</legend>
        <CheckField form={form} name="futuresOptions" />
        <CheckField form={form} name="agriculturalOtc" />
        <CheckField form={form} name="otherBaseOtc" />
        <CheckField form={form} name="irs" />
        <CheckField form={form} name="cds" />
        <CheckField form={form} name="guaranteesNymexFloorMembers" />
      </fieldset>
    </div>
  );
}

export function CapitalStep({ form }: { form: Form }) {
  const amounts = [
    "capital",
    "customerRiskMaintenancePerformanceBond",
    "nonCustomerRiskMaintenancePerformanceBond",
    "secRequirement",
    "cdsIrsAccountsPerformanceBond",
    "membershipDeposit",
    "guarantyFundBaseDeposit",
    "guarantyFundIrsDeposit",
    "guarantyFundCdsDeposit",
    "hedgeFundAssetsUnderManagement",
  ];
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-500">Dollars as digits, e.g. 5000000 or 5000000.00. Leave a figure empty when it does not apply.</p>
      <div className="grid gap-4 md:grid-cols-2">
        {amounts.map((n) => <TextField key={n} form={form} name={n} />)}
      </div>
      <div className="space-y-1">
        <CheckField form={form} name="affiliatedIrsArrangement" />
        <CheckField form={form} name="hedgeFundSeparateAccounts" />
        <CheckField form={form} name="hedgeFundLiquidityReporting" />
      </div>
    </div>
  );
}

export function OwnershipStep({ form }: { form: Form }) {
  const owners = useFieldArray({ control: form.control, name: "owners" });
  const affiliates = useFieldArray({ control: form.control, name: "affiliates" });
  return (
    <div className="space-y-6">
      <fieldset>
        <legend className="text-sm font-medium">Owners of 5% or more</legend>
        {owners.fields.map((f, i) => (
          <div key={f.id} className="mt-2 grid items-end gap-2 rounded border border-slate-200 p-2 md:grid-cols-5" data-testid="owner-row">
            <TextField form={form} name={`owners.${i}.name`} label="Owner" className="md:col-span-2" />
            <TextField form={form} name={`owners.${i}.percent`} label="Owns, %" />
            <div>
              <CheckField form={form} name={`owners.${i}.guaranteeOnFile`} label="Parent guarantee on file" />
              <TextField form={form} name={`owners.${i}.guaranteePercent`} label="Guarantee covers, %" />
            </div>
            <button type="button" className="text-sm text-red-700 underline" onClick={() => owners.remove(i)}>Remove owner</button>
          </div>
        ))}
        <button type="button" className="mt-2 text-sm underline" onClick={() => owners.append({ name: "", percent: "", guaranteeOnFile: false, guaranteePercent: "" })}>Add owner</button>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">Affiliates (sharing ownership with another clearing member)</legend>
        {affiliates.fields.map((f, i) => (
          <div key={f.id} className="mt-2 grid items-end gap-2 rounded border border-slate-200 p-2 md:grid-cols-4">
            <TextField form={form} name={`affiliates.${i}.name`} label="Affiliate" />
            <TextField form={form} name={`affiliates.${i}.commonOwnershipPercent`} label="Common ownership, %" />
            <div>
              <CheckField form={form} name={`affiliates.${i}.isClearingMember`} label="Is a clearing member" />
              <CheckField form={form} name={`affiliates.${i}.crossGuaranteeOnFile`} label="Cross guarantee on file" />
              <CheckField form={form} name={`affiliates.${i}.clearsIrsHouse`} label="Clears IRS (house)" />
              <CheckField form={form} name={`affiliates.${i}.clearsCdsHouse`} label="Clears CDS (house)" />
            </div>
            <button type="button" className="text-sm text-red-700 underline" onClick={() => affiliates.remove(i)}>Remove affiliate</button>
          </div>
        ))}
        <button type="button" className="mt-2 text-sm underline" onClick={() => affiliates.append({ name: "", isClearingMember: false, commonOwnershipPercent: "", crossGuaranteeOnFile: false, clearsIrsHouse: false, clearsCdsHouse: false })}>
          Add affiliate
        </button>
      </fieldset>
    </div>
  );
}

export function MembershipsStep({ form, banks }: { form: Form; banks: readonly string[] }) {
  const rows = useFieldArray({ control: form.control, name: "memberships" });
  return (
    <div className="space-y-6">
      <fieldset>
        <legend className="text-sm font-medium">Memberships held or to be assigned</legend>
        <p className="text-xs text-slate-500">CME: CME, IMM, IOM and GEM divisions. CBOT, NYMEX, COMEX: full memberships.</p>
        {rows.fields.map((f, i) => (
          <div key={f.id} className="mt-2 grid items-end gap-2 rounded border border-slate-200 p-2 md:grid-cols-5" data-testid="membership-row">
            <SelectField form={form} name={`memberships.${i}.exchange`} label="Exchange" options={EXCHANGES.map((e) => [e, e] as const)} />
            <SelectField form={form} name={`memberships.${i}.kind`} label="Kind" options={[["CME", "CME division"], ["IMM", "IMM division"], ["IOM", "IOM division"], ["GEM", "GEM division"], ["full", "Full membership"]]} />
            <TextField form={form} name={`memberships.${i}.count`} label="Number" />
            <CheckField form={form} name={`memberships.${i}.firmOwned`} label="Firm-owned" />
            <button type="button" className="text-sm text-red-700 underline" onClick={() => rows.remove(i)}>Remove</button>
          </div>
        ))}
        <button type="button" className="mt-2 text-sm underline" onClick={() => rows.append({ exchange: "CME", kind: "CME", count: "1", firmOwned: true })}>Add memberships</button>
      </fieldset>
      <div>
        <TextField form={form} name="settlementBank" hint={`Approved banks: ${banks.join("; ")}`} />
      </div>
    </div>
  );
}

export function RepresentativeStep({ form }: { form: Form }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TextField form={form} name="name" />
      <TextField form={form} name="title" />
      <SelectField form={form} name="role" options={[["officer", "Officer"], ["principal", "Principal"], ["partner", "Partner"], ["other", "Other"]]} />
      <TextField form={form} name="email" hint="If it is not your own address, the representative is invited to the portal at approval." />
    </div>
  );
}

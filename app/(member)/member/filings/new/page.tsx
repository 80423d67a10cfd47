import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/authorize";
import { kindsFor } from "@/lib/filings/capital";
import { filingToAmend, newFilingContext } from "@/lib/server/filings/queries";
import { isoOf } from "@/lib/shared/dates";
import { FILING_KINDS, FILING_KIND_LABELS, todayUtc, type FilingKindName } from "@/lib/validation/filing";
import { FilingForm } from "@/components/filings/FilingForm";

export default async function NewFilingPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("member.file", "/member/filings/new");
  const q = await searchParams;
  const { firm, settings, filings } = await newFilingContext(actor.firmId!);
  const kinds = kindsFor(firm);
  let amends: { id: string; version: number } | undefined;
  let initial = {
    kind: (FILING_KINDS as readonly string[]).includes(q.kind ?? "") && kinds.includes(q.kind as FilingKindName) ? (q.kind as FilingKindName) : kinds[0]!,
    periodEnd: /^\d{4}-\d{2}-\d{2}$/.test(q.period ?? "") ? q.period! : "",
    regulatorFilingDate: "",
    lines: {} as Record<string, string>,
  };
  if (q.amends) {
    // Looked up by id AND the session's firm: another firm's filing is not found.
    const original = await filingToAmend(firm.id, q.amends);
    if (!original) notFound();
    if (original.amendedBy) {
      return (
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold">Amend a report</h1>
          <p>Version {original.version} is already amended by version {original.amendedBy.version}. <Link className="text-blue-800 underline" href={`/member/filings/${original.amendedBy.id}`}>Amend the latest version</Link>.</p>
        </div>
      );
    }
    amends = { id: original.id, version: original.version };
    initial = {
      kind: original.kind as FilingKindName,
      periodEnd: isoOf(original.periodEnd),
      regulatorFilingDate: original.regulatorFilingDate ? isoOf(original.regulatorFilingDate) : "",
      lines: Object.fromEntries(original.lines.map((l) => [l.line, l.amount.toFixed(2)])),
    };
  }
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{amends ? `Amend the ${FILING_KIND_LABELS[initial.kind]} for ${initial.periodEnd}` : "File a report"}</h1>
        <p className="text-slate-600">
          {amends
            ? `The amendment is filed as version ${amends.version + 1}; version ${amends.version} is kept as filed.`
            : "Enter the statement or import it from the template, attach the signed original, check the computed capital and file."}
        </p>
      </div>
      <FilingForm
        firm={{ legalName: firm.legalName, isBank: firm.isBank, isFcm: firm.isFcm, isBrokerDealer: firm.isBrokerDealer, clearsOtc: firm.clearsOtc, clearsIrs: firm.clearsIrs, clearsCds: firm.clearsCds, clearsAgriculturalOtc: firm.clearsAgriculturalOtc, clearsOtherBaseOtc: firm.clearsOtherBaseOtc, guaranteesNymexFloorMembers: firm.guaranteesNymexFloorMembers, hedgeFundRole: firm.hedgeFundRole, exchanges: firm.exchanges }}
        kinds={amends ? [initial.kind] : kinds}
        settings={{
          holidays: settings.holidays,
          monthlyBusinessDays: settings.monthlyBusinessDays,
          annualDays: settings.annualDays,
          annualDaysBrokerDealer: settings.annualDaysBrokerDealer,
          bankDaysAfterRegulatorFiling: settings.bankDaysAfterRegulatorFiling,
          earlyWarningPercent: settings.capital.earlyWarningPercent,
          substantialReductionPercent: settings.capital.substantialReductionPercent,
        }}
        history={filings.map((f) => ({ periodEnd: isoOf(f.periodEnd), kind: f.kind, adjustedNetCapital: f.adjustedNetCapital.toFixed(2) }))}
        today={todayUtc()}
        initial={initial}
        amends={amends}
      />
    </div>
  );
}

import "server-only";
/**
 * A guaranty fund notice as sections of label/value lines (the page and the PDF show the same),
 * and as a PDF (pdf-lib, standard fonts, A4, as the margin statement). The PDF's Subject carries
 * the key amounts too.
 */
import { NextResponse } from "next/server";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import type { GfNotice } from "@/generated/prisma/client";
import { auditNotFound, requireApi } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { NOTICE_KIND_LABELS, noticeRequires } from "./notices";
import { isoOf } from "@/lib/shared/dates";
import { formatUsd } from "@/lib/shared/money";
import { memberNotice } from "./queries";

export interface NoticeSection {
  readonly title: string;
  readonly rows: readonly (readonly [string, string])[];
}

type Calc = Record<string, unknown> & { weights?: { performanceBond: string; volume: string; foreignCurrency: string }; coolingOff?: { from: string; to: string } };

export function noticeLines(n: Pick<GfNotice, "kind" | "noticeDate" | "dueDate" | "required" | "onDeposit" | "amountDue" | "excess" | "calculation">): { sections: NoticeSection[] } {
  const c = (n.calculation ?? {}) as Calc;
  const s = (k: string) => (c[k] === undefined || c[k] === null ? "" : String(c[k]));
  const amounts: [string, string][] = [
    ["Notice date", isoOf(n.noticeDate)],
    ...(n.kind === "ASSESSMENT"
      ? ([["Assessed", formatUsd(n.amountDue)], ["Guaranty fund requirement (the cap's base)", formatUsd(n.required)]] as [string, string][])
      : ([["Required", formatUsd(n.required)]] as [string, string][])),
    ["On deposit", formatUsd(n.onDeposit)],
  ];
  if (n.kind === "DEPOSIT" || n.kind === "INTERIM_INCREASE") {
    if (!n.amountDue.isZero()) amounts.push(["Shortfall", formatUsd(n.amountDue)]);
    if (!n.excess.isZero()) amounts.push(["Excess (may be withdrawn)", formatUsd(n.excess)]);
    if (n.amountDue.isZero() && n.excess.isZero()) amounts.push(["Shortfall or excess", "none"]);
  } else amounts.push(["Amount due", formatUsd(n.amountDue)]);
  amounts.push(["Due date", n.dueDate ? isoOf(n.dueDate) : "nothing due"]);
  const sections: NoticeSection[] = [{ title: "Amounts", rows: amounts }];
  if ((n.kind === "DEPOSIT" || n.kind === "INTERIM_INCREASE") && c.weights) {
    sections.push({
      title: "How the requirement was calculated",
      rows: [
        ["Calculation", `${s("recalculationKind").toLowerCase()} as of ${s("asOf")}, margin history ${s("windowFrom")} to ${s("asOf")} (${s("cycleDays")} day(s))`],
        ["Aggregate guaranty fund (cover 2)", `${formatUsd(s("aggregate"))}, worst scenario ${s("worstScenario")}`],
        ["Weights", `performance bond ${c.weights.performanceBond}%, volume ${c.weights.volume}%, foreign settlements ${c.weights.foreignCurrency}%`],
        ["Your average risk performance bond", `${formatUsd(s("averagePerformanceBond"))} of ${formatUsd(s("averageAggregatePerformanceBond"))} in total`],
        ["Your share of performance bond", `${s("performanceBondShare")}%`],
        ["Your contracts traded", `${s("contracts")} of ${s("totalContracts")}`],
        ["Your share of volume", `${s("volumeShare")}%`],
        ["Performance bond term", formatUsd(s("performanceBondTerm"))],
        ["Volume term", formatUsd(s("volumeTerm"))],
        ["Proportionate share", formatUsd(s("proportionateShare"))],
        ["Minimum", `${formatUsd(s("minimum"))} (${s("memberType") === "base-otc" ? "Base OTC" : "futures and options"})${c.minimumApplied ? ": the minimum applied" : ""}`],
        ["Previous requirement", c.previousRequirement ? formatUsd(s("previousRequirement")) : "none"],
      ],
    });
  }
  if (n.kind === "DEPOSIT" && c.initialRequirement) {
    sections.push({
      title: "How the requirement was set",
      rows: [
        ["Basis", s("basis")],
        ["Minimum", `${formatUsd(s("minimum"))} (${s("memberType") === "base-otc" ? "futures/options and Base OTC" : "futures and options"})`],
        ["Next", "Your proportionate share is calculated at the first quarterly recalculation (Rule 816)"],
      ],
    });
  }
  if (n.kind === "ASSESSMENT") {
    sections.push({
      title: "Assessment cap",
      rows: [
        ["Cap for this default (275%)", formatUsd(s("perDefaultCap"))],
        ["Cap over the cooling-off period (550%)", formatUsd(s("periodCap"))],
        ["Cooling-off period", c.coolingOff ? `${c.coolingOff.from} to ${c.coolingOff.to}` : ""],
      ],
    });
  }
  return { sections };
}

export async function noticePdf(input: { firmName: string; firmCode: string; notice: GfNotice; generatedAt: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const title = `${NOTICE_KIND_LABELS[input.notice.kind]} - ${input.firmCode}`;
  doc.setTitle(title);
  doc.setSubject(`${input.notice.kind === "ASSESSMENT" ? "assessed" : "required"} ${noticeRequires(input.notice).toFixed(2)}; on deposit ${input.notice.onDeposit.toFixed(2)}; due ${input.notice.amountDue.toFixed(2)}${input.notice.dueDate ? ` by ${isoOf(input.notice.dueDate)}` : ""}`);
  doc.setCreationDate(input.generatedAt);
  let page = doc.addPage([595.28, 841.89]);
  let y = 800;
  const line = (text: string, size = 9, f = font, x = 40) => {
    if (y < 50) {
      page = doc.addPage([595.28, 841.89]);
      y = 800;
    }
    page.drawText(text, { x, y, size, font: f, color: rgb(0, 0, 0) });
    y -= size + 5;
  };
  line(title, 14, bold);
  line(`${input.firmName} (${input.firmCode})`, 10);
  y -= 6;
  for (const s of noticeLines(input.notice).sections) {
    line(s.title, 11, bold);
    for (const [k, v] of s.rows) {
      line(k, 9, font);
      y += 14;
      line(v, 9, bold, 260);
    }
    y -= 6;
  }
  line(input.notice.rule, 8);
  line(input.notice.acknowledgedAt ? `Acknowledged ${input.notice.acknowledgedAt.toISOString().slice(0, 19).replace("T", " ")} UTC` : "Not yet acknowledged", 8);
  line(`Generated ${input.generatedAt.toISOString().slice(0, 19).replace("T", " ")} UTC`, 7);
  return doc.save();
}

/** A notice of the signed-in member's firm as PDF; another firm's notice id answers 404. */
export async function noticeDownload(id: string): Promise<Response> {
  const auth = await requireApi("member.read", `gf-notice:${id}:pdf`);
  if (!auth.ok) return auth.response;
  const found = await memberNotice(auth.actor.firmId!, id);
  if (!found) {
    await auditNotFound(auth.actor, `gf-notice:${id}:pdf`);
    return NextResponse.json({ error: { code: "not-found", message: "no such notice" } }, { status: 404 });
  }
  const firm = await db().firm.findUniqueOrThrow({ where: { id: auth.actor.firmId! } });
  const bytes = await noticePdf({ firmName: firm.legalName, firmCode: firm.code, notice: found.notice, generatedAt: new Date() });
  const name = `gf-${found.notice.kind.toLowerCase()}-${firm.code}-${isoOf(found.notice.noticeDate)}.pdf`;
  return new Response(Buffer.from(bytes), { headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store" } });
}

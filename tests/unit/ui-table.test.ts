/**
 * The portal's one table (components/ui/Table.tsx): spaced columns, numbers right-aligned, a
 * sticky header, an empty state that says what would be there; and the pages converted to it
 * hold no hand-rolled <table> any more (columns ran together: "$45,500,000.00$16,000,000.00",
 * "DueDue date", "VersionWhen").
 */
import { readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Table } from "@/components/ui/Table";
import { Money } from "@/components/ui/Money";

interface Row {
  readonly id: string;
  readonly amount: string;
}

const columns = [
  { key: "id", header: "Report", cell: (r: Row) => r.id },
  { key: "amount", header: "ANC", numeric: true, cell: (r: Row) => createElement(Money, { value: r.amount }) },
];

describe("Table", () => {
  it("spaces its columns and right-aligns numbers; the header stays at the top", () => {
    const html = renderToStaticMarkup(createElement(Table<Row>, { caption: "Filed reports", columns, rows: [{ id: "a", amount: "45500000" }, { id: "b", amount: "-16000000" }], rowKey: (r) => r.id, empty: "Nothing filed yet." }));
    expect(html).toContain("<caption");
    expect(html).toContain("Filed reports");
    expect(html).toMatch(/<thead class="[^"]*sticky top-0/);
    // every cell has horizontal padding: adjacent columns never touch
    const cells = html.match(/<td class="[^"]*"/g)!;
    expect(cells).toHaveLength(4);
    for (const c of cells) expect(c).toContain("px-3");
    expect(html).toMatch(/<th scope="col" class="[^"]*text-right[^"]*">ANC<\/th>/);
    expect(html).toContain("$45,500,000.00");
    expect(html).toContain("-$16,000,000.00");
  });

  it("an empty table says what would be there, across all its columns", () => {
    const html = renderToStaticMarkup(createElement(Table<Row>, { caption: "Filed reports", columns, rows: [], rowKey: (r) => r.id, empty: "Nothing filed yet: each report you file appears here." }));
    expect(html).toMatch(/<td colspan="2"/i);
    expect(html).toContain("Nothing filed yet: each report you file appears here.");
  });
});

/** Pages and components converted to the kit: no raw <table> (the ESLint rule comes once all are). */
const CONVERTED = [
  "app/(member)/member/page.tsx",
  "app/(member)/member/filings/page.tsx",
  "app/(member)/member/guaranty-fund/page.tsx",
  "app/(member)/member/credit-controls/page.tsx",
  "app/(member)/member/credit-controls/groupings/[id]/page.tsx",
  "app/(member)/member/credit-controls/orders/page.tsx",
  "app/(member)/member/credit-controls/rmi/page.tsx",
  "app/(clearing-house)/ch/guaranty-fund/page.tsx",
  "components/applications/Checklist.tsx",
  "app/(clearing-house)/ch/members/page.tsx",
  "app/(clearing-house)/ch/surveillance/page.tsx",
  "app/(clearing-house)/ch/applications/page.tsx",
  "app/(clearing-house)/ch/settings/page.tsx",
  "app/(member)/member/api-keys/page.tsx",
  "app/(member)/member/filings/notices/page.tsx",
  "app/(clearing-house)/ch/members/[code]/page.tsx",
  "app/(clearing-house)/ch/margin/page.tsx",
  "app/(member)/member/default-management/page.tsx",
  "app/(clearing-house)/ch/audit/page.tsx",
  "app/(clearing-house)/ch/guaranty-fund/recalculations/[id]/page.tsx",
  "app/(clearing-house)/ch/margin/cycles/[id]/page.tsx",
];

describe("converted pages use the kit's Table", () => {
  it.each(CONVERTED)("%s has no raw <table>", (file) => {
    expect(readFileSync(file, "utf8")).not.toMatch(/<table[\s>]/);
  });
});

/**
 * Money shown to people is formatted from the exact decimal, never through a JavaScript number:
 * one formatter (lib/risk/money.ts formatAmount / formatUsd) behind the margin pages, the
 * statement PDF, the guaranty fund notices and e-mails, and the filings.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { money as marginMoney } from "@/components/margin/format";
import { formatUsd as componentsUsd } from "@/components/format";
import { formatMoney as filingsMoney } from "@/components/filings/format";
import { money as statementPdfMoney } from "@/lib/server/margin/documents";
import { formatUsd as noticeUsd } from "@/lib/shared/money";
import { formatAmount, formatPercent, formatUsd } from "@/lib/risk/money";

// 17 significant digits: a float cannot hold it (it reads 12345678901234568).
const BIG = "12345678901234567.89";

describe("one exact money formatter", () => {
  it("margin pages and the statement PDF keep every digit of a large amount", () => {
    expect(marginMoney(BIG)).toBe("12,345,678,901,234,567.89");
    expect(statementPdfMoney(BIG)).toBe("12,345,678,901,234,567.89");
    expect(marginMoney("-0.005")).toBe("0.00"); // half-even to the cent, no "-0.00"
    expect(marginMoney("-1234.5")).toBe("-1,234.50");
    expect(marginMoney(null)).toBe("-");
  });

  it("guaranty fund notices, filings and the shared component show the same dollars", () => {
    expect(noticeUsd(BIG)).toBe("$12,345,678,901,234,567.89");
    expect(componentsUsd(BIG)).toBe("$12,345,678,901,234,567.89");
    expect(filingsMoney("-2500")).toBe("-$2,500.00");
    expect(formatUsd("0.125")).toBe("$0.12");
    expect(formatUsd("0.135")).toBe("$0.14");
  });

  it("refuses what is not a decimal, naming it", () => {
    expect(() => formatAmount("12,50")).toThrow(/amount must be a decimal number/);
  });

  it("percentages from exact fractions: a 14.3% buffer reads 14.3, a haircut to one place", () => {
    expect(formatPercent("0.143")).toBe("14.3");
    expect(formatPercent("0.1")).toBe("10");
    expect(formatPercent("0.025", 1)).toBe("2.5");
  });

  it("any amount in cents formats to its own digits, grouped by three", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (cents) => {
        const negative = cents < 0n;
        const abs = negative ? -cents : cents;
        const text = `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
        const shown = formatAmount(text);
        expect(shown.replace(/,/g, "")).toBe(cents === 0n ? "0.00" : text);
        expect(shown).toMatch(/^-?\d{1,3}(,\d{3})*\.\d\d$/);
      }),
    );
  });
});

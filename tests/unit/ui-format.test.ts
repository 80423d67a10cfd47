/**
 * The UI kit's formatters (components/ui/format.ts), hand-worked: money with the dollar sign and
 * separators (one convention for negatives), quantities with their own decimals, prices at the
 * product's tick, times in UTC and upload sizes in binary units, all from exact decimals.
 */
import { describe, expect, it } from "vitest";
import { formatBytes, formatDay, formatMoney, formatPrice, formatQuantity, formatUtc } from "@/components/ui/format";
import { formatUsd as componentsUsd } from "@/components/format";
import { formatMoney as filingsMoney } from "@/components/filings/format";

describe("money: dollars, separators, cents, one convention for negatives", () => {
  it("zero, negatives, large and six-decimal amounts", () => {
    expect(formatMoney("0")).toBe("$0.00");
    expect(formatMoney("-0.004")).toBe("$0.00"); // rounds to zero: no "-$0.00"
    expect(formatMoney("-1234.5")).toBe("-$1,234.50");
    expect(formatMoney("12000000.00")).toBe("$12,000,000.00");
    expect(formatMoney("100000000")).toBe("$100,000,000.00");
    expect(formatMoney("12345678901234567.89")).toBe("$12,345,678,901,234,567.89"); // beyond a float's digits
    expect(formatMoney("104000.123456")).toBe("$104,000.12");
    expect(formatMoney("0.125")).toBe("$0.12"); // half-even
    expect(formatMoney("0.135")).toBe("$0.14");
  });

  it("the filings' and the shared formatters are the kit's (same text, same minus)", () => {
    expect(filingsMoney("-2500")).toBe("-$2,500.00");
    expect(componentsUsd("45500000")).toBe("$45,500,000.00");
  });
});

describe("quantities and prices", () => {
  it("quantities keep their decimals and group thousands", () => {
    expect(formatQuantity("1250")).toBe("1,250");
    expect(formatQuantity("-3")).toBe("-3");
    expect(formatQuantity("0")).toBe("0");
    expect(formatQuantity("1234567.500000")).toBe("1,234,567.5");
    expect(formatQuantity("0.000001")).toBe("0.000001");
  });

  it("prices at the product's tick precision, rounded half-even to it", () => {
    expect(formatPrice("1.8", "0.01")).toBe("1.80");
    expect(formatPrice("3712.25", "0.25")).toBe("3,712.25");
    expect(formatPrice("101", "0.005")).toBe("101.000");
    expect(formatPrice("0.123456", "0.000001")).toBe("0.123456");
    expect(formatPrice("-2.5", "1")).toBe("-2"); // half-even to a whole tick precision
    expect(formatPrice("1.8")).toBe("1.8"); // tick unknown: the price's own decimals
    expect(formatPrice("0", "0.01")).toBe("0.00");
  });
});

describe("times and sizes", () => {
  it("times state UTC", () => {
    expect(formatUtc(new Date("2026-11-20T14:03:05.789Z"))).toBe("2026-11-20 14:03:05 UTC");
    expect(formatDay(new Date("2026-11-20T23:59:59Z"))).toBe("2026-11-20");
  });

  it("upload sizes in binary units; over a limit never reads as the limit", () => {
    expect(formatBytes(209715200)).toBe("200 MB");
    expect(formatBytes(314572878)).toBe("300.1 MB"); // 300.00003 MB, rounded up
    expect(formatBytes(209715201)).toBe("200.1 MB");
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(1023)).toBe("1,023 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(10n * 1024n ** 3n)).toBe("10 GB");
  });
});

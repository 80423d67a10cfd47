import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, computeCreditUtilization, CreditEngine, fromMicros, creditTradingDate, type CreditWorkingOrder, type ComputeCreditUtilizationInput, type CreditGroupingConfig, RiskError } from "@/lib/risk";

const d = (s: string | number) => new D(s);

const BASE: ComputeCreditUtilizationInput = {
  futuresLimit: d("100000.00"),
  optionsLimit: d("10000.00"),
  includeGtc: false,
  includeGtd: false,
  rates: [
    { product: "ES", derivativeType: "FUTURE", rate: d("12000") },
    { product: "NQ", derivativeType: "FUTURE", rate: d("17500.50") },
    { product: "ES", derivativeType: "OPTION", rate: d("2000") },
  ],
  fills: [
    { product: "ES", derivativeType: "FUTURE", side: "BUY", quantity: d(3) },
    { product: "ES", derivativeType: "FUTURE", side: "SELL", quantity: d(1) },
  ],
  workingOrders: [
    { product: "ES", derivativeType: "FUTURE", side: "BUY", remaining: d(2), timeInForce: "DAY" },
    { product: "ES", derivativeType: "FUTURE", side: "SELL", remaining: d(5), timeInForce: "GTC" },
    { product: "NQ", derivativeType: "FUTURE", side: "SELL", remaining: d(2), timeInForce: "DAY" },
    { product: "ES", derivativeType: "OPTION", side: "SELL", remaining: d(4), timeInForce: "GTD" },
  ],
};

describe("SPEC §4 utilization: larger side × reference margin rate, summed per product, futures and options apart", () => {
  it("hand-worked: ES long 3 filled + 2 working = 5 vs short 1 → 5 × 12,000; NQ short 2 × 17,500.50; GTC and GTD excluded", () => {
    const u = computeCreditUtilization(BASE);
    // ES: max(5, 1) × 12,000 = 60,000.00; NQ: max(0, 2) × 17,500.50 = 35,001.00
    expect(u.futures.amount.toFixed(2)).toBe("95001.00");
    expect(u.futures.percent!.toFixed(3)).toBe("95.001");
    expect(u.futures.breached).toBe(false);
    // the GTD option order is not counted: options utilization is zero
    expect(u.options.amount.toFixed(2)).toBe("0.00");
    const es = u.products.find((p) => p.product === "ES" && p.derivativeType === "FUTURE")!;
    expect([es.filledLong, es.filledShort, es.workingBuys, es.workingSells, es.long, es.short].map(String)).toEqual(["3", "1", "2", "0", "5", "1"]);
  });

  it("GC2 GTC/GTD inclusion: counting GTC makes ES short 1 + 5 = 6 the larger side → 72,000 and a futures breach", () => {
    const u = computeCreditUtilization({ ...BASE, includeGtc: true, includeGtd: true });
    expect(u.futures.amount.toFixed(2)).toBe("107001.00");
    expect(u.futures.breached).toBe(true);
    // GTD option sell 4 × 2,000 = 8,000 of 10,000 = 80%
    expect(u.options.amount.toFixed(2)).toBe("8000.00");
    expect(u.options.percent!.toFixed(0)).toBe("80");
  });

  it("a zero limit (a new grouping) has no percent; any exposure breaches it", () => {
    const u = computeCreditUtilization({ ...BASE, futuresLimit: d(0) });
    expect(u.futures.percent).toBeNull();
    expect(u.futures.breached).toBe(true);
  });

  it("lists a product with exposure but no rate as unrated, contributing nothing", () => {
    const u = computeCreditUtilization({ ...BASE, fills: [...BASE.fills, { product: "YM", derivativeType: "FUTURE", side: "BUY", quantity: d(1) }] });
    expect(u.unratedProducts).toEqual(["FUTURE|YM"]);
    expect(u.futures.amount.toFixed(2)).toBe("95001.00");
  });

  it("refuses negative quantities and limits, naming the field", () => {
    expect(() => computeCreditUtilization({ ...BASE, futuresLimit: d(-1) })).toThrow(/futuresLimit must not be negative/);
    expect(() => computeCreditUtilization({ ...BASE, fills: [{ product: "ES", derivativeType: "FUTURE", side: "BUY", quantity: d(-2) }] })).toThrow(RiskError);
  });
});

function config(over: Partial<CreditGroupingConfig> = {}): CreditGroupingConfig {
  return {
    id: "g1",
    version: 2,
    executionFirmId: "ACM001",
    exchange: "CME",
    productComplex: "EQUITY",
    futuresLimit: d("100000.00"),
    optionsLimit: d("10000.00"),
    clips: { buyFutures: 10n, sellFutures: 10n, buyOptions: null, sellOptions: 5n },
    includeGtc: false,
    includeGtd: false,
    rates: BASE.rates,
    creditBlocked: false,
    ...over,
  };
}

const ORDER = { executionFirmId: "ACM001", exchange: "CME", productComplex: "EQUITY", account: "A1", product: "ES", derivativeType: "FUTURE", side: "BUY", timeInForce: "DAY", quantity: 1n } as const;

function engineWith(cfg = config()): CreditEngine {
  const e = new CreditEngine();
  e.setGrouping(cfg);
  return e;
}

describe("pre-trade check (SPEC §4, GC2, RMI): RMI block → clip size → limit", () => {
  it("accepts within the limit and reports utilization after the order", () => {
    const e = engineWith();
    const r = e.check({ ...ORDER, quantity: 8n });
    expect(r.accepted).toBe(true);
    if (r.accepted) expect(fromMicros(r.utilizationAfter).toFixed(2)).toBe("96000.00");
  });

  it("LIMIT_EXCEEDED: 9 ES × 12,000 = 108,000 > 100,000, the first refusal of a breach", () => {
    const e = engineWith();
    const r = e.check({ ...ORDER, quantity: 9n });
    expect(r).toMatchObject({ accepted: false, reason: "LIMIT", rule: "LIMIT_EXCEEDED", breach: { firstOfBreach: true } });
    if (!r.accepted) expect(r.message).toBe("futures utilization after the order would be 108000.00, over the limit of 100000.00");
    e.markBreached(ORDER, "FUTURE");
    expect(e.check({ ...ORDER, quantity: 9n })).toMatchObject({ rule: "LIMIT_EXCEEDED", breach: { firstOfBreach: false } });
    // exactly at the limit is not over it: 5 ES options × 2,000 = 10,000
    expect(e.check({ ...ORDER, derivativeType: "OPTION", side: "SELL", quantity: 5n })).toMatchObject({ accepted: true });
    // the options side of the grouping is a separate breach
    const lower = engineWith(config({ optionsLimit: d("9999.99") }));
    lower.markBreached(ORDER, "FUTURE");
    expect(lower.check({ ...ORDER, derivativeType: "OPTION", side: "SELL", quantity: 5n })).toMatchObject({ accepted: false, rule: "LIMIT_EXCEEDED", breach: { firstOfBreach: true } });
  });

  it("counts the existing book: 4 working + 3 filled ES = 84,000; a buy of 1 makes 96,000, of 2 makes 108,000", () => {
    const e = engineWith();
    e.addOrder({ ...ORDER, id: "o1", remaining: 4n });
    e.addFilled(ORDER, 3n);
    expect(e.check({ ...ORDER, quantity: 1n })).toMatchObject({ accepted: true, utilizationAfter: 96_000_000_000n });
    expect(e.check({ ...ORDER, quantity: 2n })).toMatchObject({ accepted: false, rule: "LIMIT_EXCEEDED", breach: { utilizationAfter: 108_000_000_000n } });
  });

  it("CLIP_SIZE: sell options clip 5; buy futures clip 10; unset clip (buy options) never refuses", () => {
    const e = engineWith(config({ optionsLimit: d("1000000") }));
    expect(e.check({ ...ORDER, quantity: 11n })).toMatchObject({ accepted: false, reason: "CLIP_SIZE", rule: "CLIP_SIZE" });
    expect(e.check({ ...ORDER, derivativeType: "OPTION", side: "SELL", quantity: 6n })).toMatchObject({ reason: "CLIP_SIZE" });
    expect(e.check({ ...ORDER, derivativeType: "OPTION", side: "BUY", quantity: 60n })).toMatchObject({ accepted: true });
  });

  it("RMI_BLOCK: a block by account, side and type refuses before the clip size; others pass", () => {
    const e = engineWith();
    e.addBlock({ id: "b1", kind: "RMI", executionFirmId: "ACM001", account: "A1", exchange: null, derivativeType: "FUTURE", side: "BUY" });
    expect(e.check({ ...ORDER, quantity: 50n })).toMatchObject({ accepted: false, reason: "RMI_BLOCK", rule: "BLOCKED", blockId: "b1" });
    expect(e.check({ ...ORDER, side: "SELL" })).toMatchObject({ accepted: true });
    expect(e.check({ ...ORDER, account: "A2" })).toMatchObject({ accepted: true });
    e.removeBlock("b1");
    expect(e.check(ORDER)).toMatchObject({ accepted: true });
  });

  it("RMI_BLOCK by kill switch, even with no grouping", () => {
    const e = new CreditEngine();
    e.addBlock({ id: "k", kind: "KILL_SWITCH", executionFirmId: "ACM001", account: null, exchange: null, derivativeType: null, side: null });
    expect(e.check(ORDER)).toMatchObject({ reason: "RMI_BLOCK", rule: "KILL_SWITCH" });
  });

  it("LIMIT / NO_GROUPING: a grouping that was never set starts at zero", () => {
    expect(new CreditEngine().check(ORDER)).toMatchObject({ accepted: false, reason: "LIMIT", rule: "NO_GROUPING" });
    // and a grouping whose limit is zero refuses any exposure
    expect(engineWith(config({ futuresLimit: d(0) })).check(ORDER)).toMatchObject({ reason: "LIMIT", rule: "LIMIT_EXCEEDED" });
  });

  it("LIMIT / CREDIT_BLOCK: a breach action's block refuses every order of the grouping; clip size still comes first", () => {
    const e = engineWith(config({ creditBlocked: true }));
    expect(e.check(ORDER)).toMatchObject({ reason: "LIMIT", rule: "CREDIT_BLOCK" });
    expect(e.check({ ...ORDER, quantity: 11n })).toMatchObject({ reason: "CLIP_SIZE" });
    e.setCreditBlocked(ORDER, false);
    expect(e.check(ORDER)).toMatchObject({ accepted: true });
  });

  it("LIMIT / NO_RATE: a product without a reference margin rate", () => {
    expect(engineWith().check({ ...ORDER, product: "YM" })).toMatchObject({ reason: "LIMIT", rule: "NO_RATE" });
  });

  it("an excluded GTC order adds no exposure; included, it counts", () => {
    expect(engineWith().check({ ...ORDER, timeInForce: "GTC", quantity: 10n })).toMatchObject({ accepted: true });
    expect(engineWith(config({ includeGtc: true })).check({ ...ORDER, timeInForce: "GTC", quantity: 10n })).toMatchObject({ rule: "LIMIT_EXCEEDED" });
  });

  it("fills move working quantity to filled; a cancel frees the rest", () => {
    const e = engineWith();
    e.addOrder({ ...ORDER, id: "o1", remaining: 5n });
    expect(fromMicros(e.utilization(ORDER).futures).toFixed(2)).toBe("60000.00");
    expect(e.fillOrder("o1", 2n)).toBe(3n);
    expect(fromMicros(e.utilization(ORDER).futures).toFixed(2)).toBe("60000.00");
    expect(() => e.fillOrder("o1", 4n)).toThrow(/larger than the quantity working/);
    e.removeOrder("o1");
    expect(fromMicros(e.utilization(ORDER).futures).toFixed(2)).toBe("24000.00");
  });

  it("changing the grouping's GTC flag re-prices the book", () => {
    const e = engineWith();
    e.addOrder({ ...ORDER, id: "g", remaining: 3n, timeInForce: "GTC" });
    expect(e.utilization(ORDER).futures).toBe(0n);
    e.setGrouping(config({ includeGtc: true }));
    expect(fromMicros(e.utilization(ORDER).futures).toFixed(2)).toBe("36000.00");
  });
});

describe("trading day (limits reset each trading day)", () => {
  it("17:00 Chicago starts the next weekday's trading day; weekends belong to Monday", () => {
    expect(creditTradingDate("2026-11-23", 9 * 60)).toBe("2026-11-23"); // Monday morning
    expect(creditTradingDate("2026-11-23", 17 * 60)).toBe("2026-11-24");
    expect(creditTradingDate("2026-11-27", 18 * 60)).toBe("2026-11-30"); // Friday evening → Monday
    expect(creditTradingDate("2026-11-28", 10 * 60)).toBe("2026-11-30"); // Saturday
    expect(() => creditTradingDate("2026-02-30", 0)).toThrow(RiskError);
  });
});

// ---- properties -------------------------------------------------------------------------
const products = ["ES", "NQ"] as const;
const orderArb = fc.record({
  product: fc.constantFrom(...products),
  derivativeType: fc.constantFrom("FUTURE" as const, "OPTION" as const),
  side: fc.constantFrom("BUY" as const, "SELL" as const),
  remaining: fc.bigInt({ min: 0n, max: 500n }),
  timeInForce: fc.constantFrom("DAY" as const, "GTC" as const, "GTD" as const),
});
const rateArb = fc.bigInt({ min: 0n, max: 10_000_000_000n }).map((micros) => fromMicros(micros));
const setupArb = fc.record({
  orders: fc.array(orderArb, { maxLength: 25 }),
  fills: fc.array(fc.record({ product: fc.constantFrom(...products), derivativeType: fc.constantFrom("FUTURE" as const, "OPTION" as const), side: fc.constantFrom("BUY" as const, "SELL" as const), quantity: fc.bigInt({ min: 0n, max: 500n }) }), { maxLength: 10 }),
  includeGtc: fc.boolean(),
  includeGtd: fc.boolean(),
  rates: fc.tuple(rateArb, rateArb, rateArb, rateArb),
});

type Setup = typeof setupArb extends fc.Arbitrary<infer T> ? T : never;
function build(s: Setup) {
  const rates = [
    { product: "ES", derivativeType: "FUTURE" as const, rate: s.rates[0] },
    { product: "NQ", derivativeType: "FUTURE" as const, rate: s.rates[1] },
    { product: "ES", derivativeType: "OPTION" as const, rate: s.rates[2] },
    { product: "NQ", derivativeType: "OPTION" as const, rate: s.rates[3] },
  ];
  const e = engineWith(config({ includeGtc: s.includeGtc, includeGtd: s.includeGtd, rates }));
  s.orders.forEach((o, i) => e.addOrder({ ...ORDER, ...o, id: `o${i}` }));
  s.fills.forEach((f) => e.addFilled({ ...ORDER, ...f }, f.quantity));
  const reference = computeCreditUtilization({
    futuresLimit: d(0),
    optionsLimit: d(0),
    includeGtc: s.includeGtc,
    includeGtd: s.includeGtd,
    rates,
    fills: s.fills.map((f) => ({ ...f, quantity: d(f.quantity.toString()) })),
    workingOrders: s.orders.map((o): CreditWorkingOrder => ({ ...o, remaining: d(o.remaining.toString()) })),
  });
  return { e, reference };
}

describe("properties of utilization", () => {
  it("the engine's scaled integers equal the Decimal reference, and are never negative", () => {
    fc.assert(
      fc.property(setupArb, (s) => {
        const { e, reference } = build(s);
        const u = e.utilization(ORDER);
        expect(fromMicros(u.futures).equals(reference.futures.amount)).toBe(true);
        expect(fromMicros(u.options).equals(reference.options.amount)).toBe(true);
        expect(u.futures >= 0n && u.options >= 0n).toBe(true);
      }),
    );
  });

  it("adding a working order never lowers utilization, and the check predicts it exactly", () => {
    fc.assert(
      fc.property(setupArb, orderArb, (s, o) => {
        const { e } = build(s);
        const before = e.utilization(ORDER);
        const r = e.check({ ...ORDER, ...o, quantity: o.remaining });
        e.addOrder({ ...ORDER, ...o, id: "new" });
        const after = e.utilization(ORDER);
        expect(after.futures >= before.futures && after.options >= before.options).toBe(true);
        const predicted = r.accepted ? r.utilizationAfter : r.breach?.utilizationAfter;
        if (predicted !== undefined) expect(predicted).toBe(o.derivativeType === "FUTURE" ? after.futures : after.options);
      }),
    );
  });

  it("a cancelled order frees exactly its exposure: utilization returns to what it was", () => {
    fc.assert(
      fc.property(setupArb, orderArb, (s, o) => {
        const { e } = build(s);
        const before = e.utilization(ORDER);
        e.addOrder({ ...ORDER, ...o, id: "new" });
        e.removeOrder("new");
        expect(e.utilization(ORDER)).toEqual(before);
      }),
    );
  });
});

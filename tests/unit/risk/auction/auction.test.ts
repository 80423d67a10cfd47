import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, classifyAuction, combineAuctionOutcomes, selectMandatedBidders, RiskError } from "@/lib/risk";

describe("Rule 914 mandated bidders", () => {
  const members = [
    { id: "A", proprietaryOpenInterestLastSixMonths: true, proprietaryPerformanceBond: "600", proprietaryIntradayVolume: "100" },
    { id: "B", proprietaryOpenInterestLastSixMonths: true, proprietaryPerformanceBond: "300", proprietaryIntradayVolume: "500" },
    { id: "C", proprietaryOpenInterestLastSixMonths: true, proprietaryPerformanceBond: "50", proprietaryIntradayVolume: "300" },
    { id: "D", proprietaryOpenInterestLastSixMonths: false, proprietaryPerformanceBond: "900", proprietaryIntradayVolume: "900" },
    { id: "E", proprietaryOpenInterestLastSixMonths: true, proprietaryPerformanceBond: "50", proprietaryIntradayVolume: "100", exemption: { ground: "no-trading-desk" as const, granted: true } },
  ];
  it("Rule 914: only members with proprietary open interest in six months; ranked by relative PB and intraday volume", () => {
    const r = selectMandatedBidders({ category: "equity-index", members, settings: { mandatedCount: 2 } });
    expect(r.mandated).toEqual(["B", "A"]); // B: (0.3+0.5)/2 = 0.4, A: (0.6+0.1)/2 = 0.35
    expect(r.members.find((m) => m.id === "D")!.status).toBe("not-eligible");
    expect(r.members.find((m) => m.id === "E")).toMatchObject({ status: "exempt" });
    expect(r.members.find((m) => m.id === "C")!.status).toBe("not-selected");
  });
  it("Rule 914 / CFTC 39.16: not required where positions are not proportional to the defaulter's", () => {
    const r = selectMandatedBidders({ category: "equity-index", members, defaulterPortfolioPerformanceBond: "2000", settings: { mandatedCount: 3, proportionalityMinRatio: "0.1" } });
    expect(r.members.find((m) => m.id === "C")!.status).toBe("not-proportional");
    expect(r.mandated).toEqual(["B", "A"]);
  });
});

describe("incentive framework (seed 003 §C, Rule 802.B as amended)", () => {
  const participants = [
    { memberId: "W", gfRequirement: "5000000", mandated: true },
    { memberId: "C", gfRequirement: "3000000", mandated: true },
    { memberId: "N", gfRequirement: "2000000", mandated: false },
    { memberId: "M", gfRequirement: "1500000", mandated: true },
    { memberId: "V", gfRequirement: "1000000", mandated: false },
  ];
  const auction = classifyAuction({
    auctionId: "a1",
    portfolioPerformanceBond: "1000000",
    defaulterGfRequirement: "4000000",
    bids: [
      { memberId: "W", amount: "-200000" },
      { memberId: "C", amount: "-650000" },
      { memberId: "N", amount: "-800000" },
    ],
    participants,
  });
  const p = (id: string) => auction.participants.find((x) => x.memberId === id)!;

  it("the best bid is the highest amount paid (bids may be negative)", () => {
    expect(auction.winners).toEqual(["W"]);
    expect(auction.winningBid!.toString()).toBe("-200000");
  });
  it("seed 003 note 3: competitive if less than half the portfolio's performance bond away from the winning bid", () => {
    expect(p("C").outcome).toBe("competitive"); // 450,000 < 500,000
    expect(p("N").outcome).toBe("non-competitive"); // 600,000
  });
  it("seed 003 §C: winner seniorized up to min(own, defaulter's requirement); the rest maintained", () => {
    expect(p("W").seniorized.toString()).toBe("4000000");
    expect(p("W").maintained.toString()).toBe("1000000");
  });
  it("seed 003 §C: non-competitive and mandated-no-bid subordinated; not required and no bid maintained", () => {
    expect(p("N").subordinated.toString()).toBe("2000000");
    expect(p("M")).toMatchObject({ outcome: "mandated-no-bid" });
    expect(p("M").subordinated.toString()).toBe("1500000");
    expect(p("V").maintained.toString()).toBe("1000000");
    expect(p("C").maintained.toString()).toBe("3000000");
  });
  it("several auctions of one default: sums, subordination first, never beyond the contribution", () => {
    const second = classifyAuction({ auctionId: "a2", portfolioPerformanceBond: "100", defaulterGfRequirement: "4000000", bids: [{ memberId: "N", amount: "10" }], participants });
    const c = combineAuctionOutcomes({ members: participants.map((x) => ({ id: x.memberId, gfRequirement: x.gfRequirement })), auctions: [auction, second] });
    const n = c.members.find((m) => m.id === "N")!;
    expect(n.subordinated.toString()).toBe("2000000");
    expect(n.seniorized.toString()).toBe("0");
    const w = c.members.find((m) => m.id === "W")!;
    expect(w.subordinated.toString()).toBe("4000000"); // mandated, did not bid in a2
    expect(w.seniorized.toString()).toBe("1000000");
  });
  it("a bid from a non-participant is refused naming the field", () => {
    try {
      classifyAuction({ auctionId: "x", portfolioPerformanceBond: "1", defaulterGfRequirement: "1", bids: [{ memberId: "Z", amount: "1" }], participants });
      expect.unreachable();
    } catch (e) {
      expect((e as RiskError).field).toBe("bids[0].memberId");
    }
  });

  it("seniorized + maintained + subordinated = contribution, per auction and combined (property)", () => {
    const cents = fc.bigInt({ min: 0n, max: 10n ** 11n }).map((c) => new D(c.toString()).div(100));
    fc.assert(
      fc.property(
        fc.array(fc.record({ req: cents, mandated: fc.boolean(), bid: fc.option(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n })), bid2: fc.option(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n })) }), { minLength: 1, maxLength: 15 }),
        cents,
        cents,
        (ms, pb, defReq) => {
          const parts = ms.map((m, i) => ({ memberId: `m${i}`, gfRequirement: m.req, mandated: m.mandated }));
          const mk = (id: string, key: "bid" | "bid2") =>
            classifyAuction({ auctionId: id, portfolioPerformanceBond: pb, defaulterGfRequirement: defReq, participants: parts, bids: ms.flatMap((m, i) => (m[key] === null ? [] : [{ memberId: `m${i}`, amount: new D(m[key]!.toString()) }])) });
          const a1 = mk("a1", "bid");
          const a2 = mk("a2", "bid2");
          for (const a of [a1, a2]) for (const x of a.participants) expect(x.seniorized.plus(x.maintained).plus(x.subordinated).eq(x.contribution)).toBe(true);
          const c = combineAuctionOutcomes({ members: parts.map((x) => ({ id: x.memberId, gfRequirement: x.gfRequirement })), auctions: [a1, a2] });
          for (const m of c.members) {
            expect(m.seniorized.plus(m.maintained).plus(m.subordinated).eq(m.contribution)).toBe(true);
            expect(m.maintained.isNegative()).toBe(false);
          }
        },
      ),
    );
  });
});

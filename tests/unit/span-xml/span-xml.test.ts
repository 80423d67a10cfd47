import { describe, expect, it } from "vitest";
import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseSpanXml, readSpanXmlFile, toRiskParameters } from "@/lib/span-xml";
import { computeSpanRequirement } from "@/lib/risk";

const fixture = (name: string) => path.join(__dirname, "../../fixtures/span", name);

describe("SPAN XML reader (spanFile, fileFormat 4.00)", () => {
  it("reads every supported element of the fixture", async () => {
    const f = await readSpanXmlFile(fixture("eurofx.xml"));
    expect(f.fileFormat).toBe("4.00");
    expect(f.currencies).toEqual([
      { code: "USD", symbol: "$", name: "US Dollar", decimals: 2 },
      { code: "EUR", symbol: "E", name: "Euro", decimals: 2 },
    ]);
    const pit = f.pointsInTime[0]!;
    expect(pit.date).toBe("20040415");
    expect(pit.isSettlement).toBe(true);
    const org = pit.clearingOrgs[0]!;
    expect(org.code).toBe("CME");
    const ex = org.exchanges[0]!;
    expect(ex.futuresProducts.map((p) => p.pfCode)).toEqual(["EC", "BP"]);
    const ec = ex.futuresProducts[0]!;
    expect(ec.cvf).toBe("125000");
    expect(ec.futures[0]).toMatchObject({ cId: "11", period: "200406", price: "1.1960", delta: "1" });
    expect(ec.futures[0]!.scanRates[0]).toMatchObject({ r: 1, priceScan: "2400", volScan: "0" });
    expect(ec.futures[0]!.riskArrays[0]!.values).toHaveLength(16);
    const oop = ex.optionProducts[0]!;
    expect(oop.underlying).toMatchObject({ exch: "CME", pfId: "1", pfCode: "EC" });
    expect(oop.series[0]).toMatchObject({ period: "200406", volatility: "0.11884", settlementDate: "20040604", underlying: { exch: "CME", pfId: "1", cId: "11" } });
    expect(oop.series[0]!.options[0]).toMatchObject({ cId: "21", putCall: "C", strike: "1.150", delta: "0.8" });
    const cc = org.combinedCommodities[0]!;
    expect(cc.productLinks.map((l) => l.pfId)).toEqual(["1", "2"]);
    expect(cc.scanTiers[0]!.scanRates[0]).toMatchObject({ priceScan: "2400", volScan: "0.01" });
    expect(cc.intraTiers.map((t) => [t.tn, t.startPeriod, t.endPeriod])).toEqual([[1, "200406", "200406"], [2, "200409", "200412"]]);
    expect(cc.somTiers[0]!.rates[0]).toEqual({ r: 1, val: "50" });
    expect(cc.intraSpreads[0]).toMatchObject({ spread: 1, chargeMethod: "F", rates: [{ r: 1, val: "100" }] });
    expect(cc.intraSpreads[0]!.legs).toEqual([{ cc: "EC", tier: 1, side: "A", ratio: "1" }, { cc: "EC", tier: 2, side: "B", ratio: "1" }]);
    expect(cc.spotRates[0]).toEqual({ r: 1, period: "200406", spreadRate: "10", outrightRate: "20" });
    expect(org.interSpreads[0]!.legs.map((l) => l.cc)).toEqual(["EC", "BP"]);
  });

  it("converted parameters give the seed 002 Euro FX result: $838 in scenario 16 (risk arrays negated from SPAN's loss-positive form)", async () => {
    const { parameters, skipped } = toRiskParameters(await readSpanXmlFile(fixture("eurofx.xml")));
    expect(parameters.asOf).toBe("2004-04-15");
    expect(skipped).toEqual(["ccDef EC dSpread 2: chargeMeth W (only F, flat rate per spread, is supported)", "ccDef EUX: currency EUR, and the file gives no rate from EUR to USD"]);
    const r = computeSpanRequirement({ parameters, positions: [{ contract: "CME:EC:200406", quantity: 1 }, { contract: "CME:EC:200406:C:1.150", quantity: -1 }] });
    const ec = r.combinedCommodities[0]!;
    expect(ec.scanRisk.toString()).toBe("838");
    expect(ec.worstScenario).toBe(16);
    expect(ec.shortOptionMinimum.toString()).toBe("50");
    expect(ec.spotCharge.toString()).toBe("4"); // spot delta 1 − 0.8 = 0.2 outright × $20
  });

  it("converted spreads work: calendar spread $100 (dSpread tLeg tiers), intercommodity 50% read from a percentage", async () => {
    const { parameters } = toRiskParameters(await readSpanXmlFile(fixture("eurofx.xml")));
    expect(parameters.interSpreads![0]!.rate).toBe("0.5");
    const cal = computeSpanRequirement({ parameters, positions: [{ contract: "CME:EC:200406", quantity: -1 }, { contract: "CME:EC:200409", quantity: 1 }] });
    expect(cal.combinedCommodities[0]!.intraSpreadCharge.toString()).toBe("100");
    const inter = computeSpanRequirement({ parameters, positions: [{ contract: "CME:EC:200409", quantity: 1 }, { contract: "CME:BP:200406", quantity: -1 }] });
    expect(inter.combinedCommodities.map((c) => c.interSpreadCredit.toString())).toEqual(["1200", "750"]);
  });

  it("streams: feeding the document in 7-character chunks gives the same result", async () => {
    const text = await readFile(fixture("eurofx.xml"), "utf8");
    const chunks = function* () {
      for (let i = 0; i < text.length; i += 7) yield text.slice(i, i + 7);
    };
    expect(await parseSpanXml(chunks())).toEqual(await parseSpanXml(text));
  });

  it("reads an ISO-8859-1 file as declared", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "span-"));
    const text = (await readFile(fixture("eurofx.xml"), "utf8")).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Chicago Mercantile Exchange", "Bolsa Mercantil de Chicago, señal");
    await writeFile(path.join(dir, "latin1.xml"), Buffer.from(text, "latin1"));
    const f = await readSpanXmlFile(path.join(dir, "latin1.xml"), 64);
    expect(f.pointsInTime[0]!.clearingOrgs[0]!.exchanges[0]!.name).toBe("Bolsa Mercantil de Chicago, señal");
  });

  it.each([
    ["bad-number.xml", "MALFORMED_FILE", "spanFile/pointInTime/clearingOrg/ccDef[2]/scanTiers/tier[1]/scanRate/priceScan", /line 86\): expected a number, got "15OO"/],
    ["short-risk-array.xml", "RISK_ARRAY_LENGTH", "spanFile/pointInTime/clearingOrg/exchange[1]/futPf[2]/fut[1]/ra", /line 40\): a risk array has exactly 16 <a> values, got 15/],
    ["not-well-formed.xml", "MALFORMED_FILE", "spanFile/pointInTime/clearingOrg/exchange[1]/oopPf[1]", /line 56\): not well-formed XML/],
    ["missing-period.xml", "MALFORMED_FILE", "spanFile/pointInTime/clearingOrg/exchange[1]/futPf[1]/fut[2]", /required element <pe> is missing/],
    ["bad-file-format.xml", "MALFORMED_FILE", "spanFile", /unsupported fileFormat "3.00"/],
    ["wrong-root.xml", "MALFORMED_FILE", "riskFile", /root element must be <spanFile>/],
  ])("malformed %s → %s naming the element and line", async (file, code, field, message) => {
    const err = await readSpanXmlFile(fixture(file)).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code, field });
    expect((err as Error).message).toMatch(message);
  });

  it("an unreadable path is a MALFORMED_FILE error, not a crash", async () => {
    await expect(readSpanXmlFile(fixture("does-not-exist.xml"))).rejects.toMatchObject({ code: "MALFORMED_FILE" });
  });
});

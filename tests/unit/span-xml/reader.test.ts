/**
 * The SPAN XML reader on files as clearing houses publish them (fileFormat 4.00, plain or
 * zipped), and its refusals of bad input within bounded memory (docs/span-xml.md).
 */
import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { zipSync } from "fflate";
import { parseSpanXml, readSpanXmlBytes, readSpanXmlFile, spanImportReport } from "@/lib/span-xml";
import { refusal, spanFile } from "../../support/span-xml";

const fixture = (name: string) => path.join(__dirname, "../../fixtures/span", name);
const REAL = fixture("clearing-house-4.00.xml");


describe("SPAN XML 4.00 as clearing houses publish it", () => {
  it("period codes are identifiers beginning YYYYMM, kept whole with their suffix (PeriodCode \\d{6}\\w{0,3}): 201605S0, 201606W2, 20160520", async () => {
    const f = await readSpanXmlFile(REAL);
    const [cme, cbt] = f.pointsInTime[0]!.clearingOrgs[0]!.exchanges;
    expect(cbt!.futuresProducts[0]!.futures.map((x) => x.period)).toEqual(["201605S0", "201607", "201609"]);
    expect(cme!.optionProducts[0]!.series.map((s) => s.period)).toEqual(["201606", "201606W2", "20160520"]);
  });

  it("a period code that does not begin with YYYYMM is refused with its element path and line", async () => {
    const xml = spanFile("<exchange><exch>CME</exch><futPf><pfId>1</pfId><pfCode>ES</pfCode>\n<fut><cId>1</cId><pe>2016JUN</pe></fut></futPf></exchange>");
    const e = await refusal(parseSpanXml(xml));
    expect(e).toMatchObject({ code: "MALFORMED_FILE", field: "spanFile/pointInTime/clearingOrg/exchange[1]/futPf[1]/fut[1]/pe" });
    expect(e.message).toMatch(/\(line 3\): expected a period code YYYYMM followed by up to 3 letters or digits, got "2016JUN"/);
  });

  it("a tier without <sPe>/<ePe> covers the whole combined commodity (intraTiers and interTiers tier 0)", async () => {
    const org = (await readSpanXmlFile(REAL)).pointsInTime[0]!.clearingOrgs[0]!;
    const zc = org.combinedCommodities.find((c) => c.code === "ZC")!;
    expect(zc.intraTiers).toEqual([{ tn: 0, rates: [], scanRates: [] }]);
    expect(zc.interTiers).toEqual([{ tn: 0, rates: [], scanRates: [] }]);
    const es = org.combinedCommodities.find((c) => c.code === "ES")!;
    expect(es.intraTiers.map((t) => [t.tn, t.startPeriod, t.endPeriod])).toEqual([[1, "201606", "201606W2"], [2, "201609", "201612"]]);
  });

  it("a tier with only one of <sPe>/<ePe> is refused naming the tier", async () => {
    const e = await refusal(parseSpanXml(spanFile("<ccDef><cc>ZC</cc><currency>USD</currency><intraTiers><tier><tn>1</tn><sPe>201607</sPe></tier></intraTiers></ccDef>")));
    expect(e.field).toBe("spanFile/pointInTime/clearingOrg/ccDef[1]/intraTiers/tier[1]");
    expect(e.message).toMatch(/both <sPe> and <ePe> or neither, got only <sPe>/);
  });

  it("every number keeps the precision the file gives it: six-decimal risk arrays and composite deltas, option delta 0.000000, leg ratio 20.940001", async () => {
    const org = (await readSpanXmlFile(REAL)).pointsInTime[0]!.clearingOrgs[0]!;
    const es = org.exchanges[0]!.futuresProducts[0]!.futures[0]!;
    expect(es.riskArrays[0]!.values.slice(2, 4)).toEqual(["-1833.333333", "-1833.333333"]);
    expect(es.riskArrays[0]!.delta).toBe("1.000000");
    const daily = org.exchanges[0]!.optionProducts[0]!.series[2]!.options[0]!;
    expect(daily).toMatchObject({ putCall: "C", strike: "2100", delta: "0.000000" });
    expect(daily.riskArrays[0]!.delta).toBe("0.000000");
    expect(org.interSpreads[0]!.legs.map((l) => l.ratio)).toEqual(["1.000000", "20.940001"]);
  });

  it("reads delta scaling factors <sc>, leg rates, interTiers, <wfprMeth>, <somMeth> and <curConv>", async () => {
    const org = (await readSpanXmlFile(REAL)).pointsInTime[0]!.clearingOrgs[0]!;
    const cme = org.exchanges[0]!;
    expect(cme.futuresProducts[0]!.futures[0]!.scale).toBe("1");
    expect(cme.optionProducts[0]!.series[0]!.scale).toBe("1");
    expect(cme.optionProducts[0]!.series[0]!.options[0]!.scale).toBe("1");
    expect(org.combinedCommodities[0]!.productLinks.map((l) => l.scale)).toEqual(["1", "1"]);
    expect(org.combinedCommodities[0]).toMatchObject({ wfprMethod: "NORMAL", somMethod: "MAX" });
    expect(org.interSpreads[0]!.legs.map((l) => l.rates)).toEqual([[{ r: 1, val: "35.000000" }], [{ r: 1, val: "30.000000" }]]);
    expect(org.currencyConversions).toEqual([{ from: "EUR", to: "USD", factor: "1.122650" }, { from: "CAD", to: "USD", factor: "0.764585" }]);
  });

  it("lists what the reader did not take by element path with a count, not silently dropped", async () => {
    const f = await readSpanXmlFile(REAL);
    const unread = new Map(f.unread.map((u) => [u.path, u.count]));
    expect(unread.get("spanFile/pointInTime/clearingOrg/exchange/phyPf")).toBe(1);
    expect(unread.get("spanFile/pointInTime/clearingOrg/pbRateDef")).toBe(2);
    expect(unread.get("spanFile/pointInTime/clearingOrg/pointDef")).toBe(16);
    expect(unread.get("spanFile/pointInTime/clearingOrg/ccDef/adjRate")).toBe(4);
    expect(unread.get("spanFile/pointInTime/clearingOrg/ccDef/rateTiers")).toBe(1);
    expect(unread.get("spanFile/definitions/venueDef")).toBe(2);
    expect(unread.get("spanFile/pointInTime/clearingOrg/exchange/futPf/fut/tick")).toBe(9);
    expect(unread.get("spanFile/pointInTime/clearingOrg/exchange/oopPf/series/opt/alias")).toBe(7);
    expect(unread.get("spanFile/pointInTime/clearingOrg/curConv/hfactor")).toBe(1);
    // what is read is not listed; what is inside an unread element is counted with it
    expect([...unread.keys()].some((p) => p.endsWith("/fut/pe") || p.includes("phyPf/"))).toBe(false);
  });

  it("decodes the file as its XML declaration says (ISO-8859-1)", async () => {
    const f = await readSpanXmlFile(REAL);
    expect(f.pointsInTime[0]!.clearingOrgs[0]!.exchanges[1]!.name).toBe("Chicago Board of Trade - maïs et blé");
  });

  it("reads a zipped .spn (as CME distributes them) the same as the XML it holds", async () => {
    const bytes = await readFile(REAL);
    const dir = await mkdtemp(path.join(os.tmpdir(), "span-zip-"));
    const spn = path.join(dir, "cme.20160520.s.spn");
    await writeFile(spn, zipSync({ "cme.20160520.s.xml": bytes }, { level: 9 }));
    expect(await readSpanXmlFile(spn, 4096)).toEqual(await readSpanXmlFile(REAL));
    const stored = zipSync({ "cme.20160520.s.xml": [bytes, { level: 0 }] });
    expect(await readSpanXmlBytes(stored)).toEqual(await readSpanXmlFile(REAL));
  });

  it("the import report gives, per exchange and combined commodity, products, futures, option series and options", async () => {
    const report = spanImportReport(await readSpanXmlFile(REAL), ["interSpreads dSpread 1: chargeMeth F (only W, weighted price risk credits, is supported)"]);
    expect(report.exchanges.map((e) => [e.code, e.products, e.futures, e.optionSeries, e.options])).toEqual([["CME", 3, 4, 3, 7], ["CBT", 1, 3, 0, 0], ["NYM", 1, 2, 0, 0]]);
    expect(report.combinedCommodities.map((c) => [c.code, c.currency, c.products, c.futures, c.optionSeries, c.options])).toEqual([
      ["ES", "USD", 2, 3, 3, 7], ["EB", "EUR", 1, 1, 0, 0], ["ZC", "USD", 1, 3, 0, 0], ["CL", "USD", 1, 2, 0, 0],
    ]);
    expect(report).toMatchObject({ fileFormat: "4.00", businessDate: "20160520", clearingOrg: "CME", currencyConversions: 2, skipped: ["interSpreads dSpread 1: chargeMeth F (only W, weighted price risk credits, is supported)"] });
    expect(report.unread.find((u) => u.path.endsWith("exchange/phyPf"))).toEqual({ path: "spanFile/pointInTime/clearingOrg/exchange/phyPf", count: 1 });
  });
});

describe("SPAN reader refusals of bad input (clear message, bounded memory, nothing returned)", () => {
  it("a 0-byte file", async () => {
    const e = await refusal(readSpanXmlBytes(new Uint8Array(0)));
    expect(e).toMatchObject({ code: "MALFORMED_FILE", field: "spanFile" });
    expect(e.message).toMatch(/the file is empty/);
  });

  it("a truncated file names the element it ends in", async () => {
    const text = await readFile(REAL, "latin1");
    const e = await refusal(readSpanXmlBytes(Buffer.from(text.slice(0, Math.floor(text.length / 2)), "latin1")));
    expect(e.code).toBe("MALFORMED_FILE");
    expect(e.message).toMatch(/the file is truncated: it ends inside <\w+>, opened on line \d+/);
  });

  it("random bytes", async () => {
    let x = 12345;
    const bytes = Uint8Array.from({ length: 4096 }, () => (x = (x * 1103515245 + 12345) % 2 ** 31) & 0xff);
    bytes[0] = 0x9c; // not "<", not "PK"
    const e = await refusal(readSpanXmlBytes(bytes));
    expect(e.code).toBe("MALFORMED_FILE");
    expect(e.message).toMatch(/not valid text in its declared encoding|the file is not XML/);
  });

  it("text that is not XML", async () => {
    const e = await refusal(readSpanXmlBytes(Buffer.from("cme,20160520,ES,201606\n")));
    expect(e.message).toMatch(/the file is not XML: it begins with "cme,20160520,ES,/);
  });

  it("a zip with more than one file, an empty zip, a truncated zip", async () => {
    const bytes = await readFile(REAL);
    const two = await refusal(readSpanXmlBytes(zipSync({ "a.xml": bytes, "b.xml": bytes })));
    expect(two.message).toMatch(/holds more than one file/);
    const none = await refusal(readSpanXmlBytes(zipSync({})));
    expect(none.message).toMatch(/not XML|holds no file/);
    const zip = zipSync({ "a.xml": bytes });
    const cut = await refusal(readSpanXmlBytes(zip.subarray(0, Math.floor(zip.byteLength / 2))));
    expect(cut.message).toMatch(/the zip archive is damaged or truncated/);
  });
});

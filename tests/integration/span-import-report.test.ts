/**
 * Loading a clearing house's SPAN file (zipped, as CME distributes them) stores the import
 * report with the parameter set; a refused file stores nothing.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { storeRiskParameters } from "@/lib/server/margin/load";
import type { SpanImportReport } from "@/lib/span-xml";
import { testClient } from "../support/db";
import { DomainError } from "@/lib/shared/errors";

const db = testClient();
afterAll(async () => {
  await db.$disconnect();
});

const FIXTURE = path.join(__dirname, "../fixtures/span/clearing-house-4.00.xml");

async function tempFile(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "span-load-")), name);
  await writeFile(file, bytes);
  return file;
}

describe("SPAN import report", () => {
  it("a zipped .spn loads and its import report (read per exchange and combined commodity, not carried over, not read) is kept with the parameter set", async () => {
    const file = await tempFile("cme.20160520.s.spn", zipSync({ "cme.20160520.s.xml": await readFile(FIXTURE) }));
    const set = await db.$transaction((tx) => storeRiskParameters(tx, { businessDate: "2016-05-20", source: { path: file }, sourceName: "cme.20160520.s.spn", fileId: null, userId: null }));
    const row = await db.riskParameterSet.findUniqueOrThrow({ where: { id: set.id } });
    const report = row.importReport as unknown as SpanImportReport;
    expect(row.contractCount).toBe(16); // the EUR combined commodity too, at the file's <curConv> rate
    expect(report.exchanges.map((e) => [e.code, e.futures, e.options])).toEqual([["CME", 4, 7], ["CBT", 3, 0], ["NYM", 2, 0]]);
    expect(report.combinedCommodities.map((c) => c.code)).toEqual(["ES", "EB", "ZC", "CL"]);
    expect(report.skipped).toEqual(["interSpreads dSpread 1: chargeMeth F (only W, weighted price risk credits, is supported)"]);
    expect(row.skipped).toEqual(report.skipped);
    expect(report.unread).toContainEqual({ path: "spanFile/pointInTime/clearingOrg/exchange/phyPf", count: 1 });
  });

  it("a file with a DOCTYPE (XML bomb) is refused naming the problem, and nothing is stored", async () => {
    const before = await db.riskParameterSet.count();
    const file = await tempFile("bomb.xml", Buffer.from('<?xml version="1.0"?><!DOCTYPE spanFile [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><spanFile>&b;</spanFile>'));
    const err = await db.$transaction((tx) => storeRiskParameters(tx, { businessDate: "2016-05-20", source: { path: file }, sourceName: "bomb.xml", fileId: null, userId: null })).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as Error).message).toMatch(/^bomb\.xml: spanFile \(line 1\): the file has a DOCTYPE declaration/);
    expect(await db.riskParameterSet.count()).toBe(before);
  });
});

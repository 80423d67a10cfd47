/**
 * `npm run bench`: runs every bench/*.bench.ts module in turn and writes the results as JSON
 * to bench/results/latest.json (and prints them). Each module exports
 * `run(): Promise<BenchSection>`; a section holds named measurements, their targets and
 * whether each was met. Benchmarks measure; tests never assert timings.
 */
import { readdir, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: { readonly op: "<" | ">"; readonly value: number };
  readonly met?: boolean;
  readonly detail?: Record<string, unknown>;
}
export interface BenchSection {
  readonly section: string;
  readonly measurements: readonly Measurement[];
  /** set when the benchmark itself failed */
  readonly error?: string;
}

export function measure(name: string, value: number, unit: string, target?: Measurement["target"], detail?: Record<string, unknown>): Measurement {
  const met = target ? (target.op === "<" ? value < target.value : value > target.value) : undefined;
  return { name, value: Math.round(value * 1000) / 1000, unit, target, met, detail };
}

/** Percentile (0-100) of a list of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = path.join(process.cwd(), "bench");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".bench.ts")).sort();
  const sections: BenchSection[] = [];
  for (const file of files) {
    if (only.length && !only.some((o) => file.includes(o))) continue;
    process.stderr.write(`bench: ${file}\n`);
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run: () => Promise<BenchSection> };
    try {
      sections.push(await mod.run());
    } catch (e) {
      // One broken benchmark must not hide the others' figures: record it and go on.
      process.stderr.write(`bench: ${file} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      sections.push({ section: file, measurements: [], error: e instanceof Error ? e.message : String(e) });
      process.exitCode = 1;
    }
  }
  const result = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadavg: os.loadavg(), node: process.version },
    sections,
  };
  await mkdir(path.join(dir, "results"), { recursive: true });
  const out = path.join(dir, "results", "latest.json");
  await writeFile(out, JSON.stringify(result, null, 2) + "\n");
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  process.stderr.write(`bench: results written to ${path.relative(process.cwd(), out)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}

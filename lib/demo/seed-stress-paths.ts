/**
 * Demo stress paths the clearing house has published for the stress-path simulator, written as
 * the CSV staff upload (read by the same parser). Idempotent: adds the paths only when none exist.
 */
import type { PrismaClient } from "@/generated/prisma/client";
import { stressPathFromCsv } from "@/lib/server/stress-path/csv";

const rows = (lines: readonly string[]): string => `day,product,price_change_percent,scan_range_multiplier\n${lines.join("\n")}\n`;

export const DEMO_STRESS_PATHS: readonly { name: string; description: string; csv: string }[] = [
  {
    name: "2008-style 5-day sell-off",
    description: "Risk-off week: the euro and sterling fall day after day and the clearing house raises FX scan ranges by a quarter on day 3 and by half on day 4.",
    csv: rows(["1,CME:EC,-2.5,", "1,CME:BP,-3,", "2,CME:EC,-3,", "2,CME:BP,-2.5,", "3,CME:EC,-1.5,1.25", "3,CME:BP,-2,1.25", "4,CME:EC,-4,1.5", "4,CME:BP,-3.5,1.5", "5,CME:EC,1,", "5,CME:BP,0.5,"]),
  },
  {
    name: "Rates shock",
    description: "A surprise rate decision: the euro jumps 3% and sterling 2% on day 1, scan ranges double, then prices drift back over two days.",
    csv: rows(["1,CME:EC,3,2", "1,CME:BP,2,2", "2,CME:EC,-1,", "2,CME:BP,-0.5,", "3,CME:EC,-0.75,1.5", "3,CME:BP,-0.5,1.5"]),
  },
  {
    name: "20-day grind lower",
    description: "Twenty days of steady losses in the euro, sterling and palm olein, with scan ranges up a quarter from day 10.",
    csv: rows(Array.from({ length: 20 }, (_, i) => i + 1).flatMap((d) => [`${d},CME:EC,-0.5,${d === 10 ? "1.25" : ""}`, `${d},CME:BP,-0.4,${d === 10 ? "1.25" : ""}`, `${d},CME:OPS,-1,${d === 10 ? "1.25" : ""}`])),
  },
];

export async function seedDemoStressPaths(db: PrismaClient): Promise<void> {
  if ((await db.stressPath.count()) > 0) return;
  for (const p of DEMO_STRESS_PATHS) {
    const parsed = stressPathFromCsv(p.csv);
    await db.stressPath.create({ data: { name: p.name, description: p.description, days: parsed.days, moves: parsed.moves as unknown as object[], status: "PUBLISHED" } });
  }
}

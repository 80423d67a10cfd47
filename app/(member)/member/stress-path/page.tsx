import { requirePage } from "@/lib/auth/authorize";
import { StressPath } from "@/components/margin/StressPath";
import { stressPathStart } from "@/lib/server/stress-path/queries";

export const dynamic = "force-dynamic";

export default async function StressPathPage() {
  const actor = await requirePage("member.read", "/member/stress-path");
  const start = await stressPathStart(actor.firmId!);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Stress-path simulator</h1>
        <p className="text-slate-600">Carry one of your accounts through a stress path, day by day: settlement variation, requirement, margin calls and the cumulative liquidity need. Read only; nothing is saved.</p>
      </div>
      {start.accounts.length ? <StressPath accounts={start.accounts} paths={start.paths} /> : <p className="text-sm text-slate-600">Your firm has no margin accounts yet.</p>}
      <details className="rounded border border-slate-200 bg-white p-3 text-sm text-slate-700">
        <summary className="cursor-pointer font-medium">How the path is computed</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>A move is a percent change from the previous day&apos;s settlement price (compounding), rounded to the nearest tick (ties to the even tick). A product without a move keeps its price.</li>
          <li>Settlement variation (Rule 814) = price change × quantity × multiplier, per future; options are premium-style and have none. Positive: you collect; negative: you pay.</li>
          <li>A scan-range multiplier applies from its day until another is given for the product, relative to today&apos;s parameters. It multiplies the risk arrays of the product&apos;s contracts: exact for futures (a future&apos;s risk array is a fraction of its scan range whatever the price); for options an approximation: the arrays are scaled, not repriced at the new price and volatility. Spread charges, short option minimum and deltas stay as today.</li>
          <li>Margin call: customer accounts are called back to initial, the house to maintenance, against the collateral after the previous day&apos;s call was met. Variation is settled in cash and does not change collateral.</li>
          <li>Cumulative liquidity need = variation paid less variation collected, plus every call (today&apos;s included).</li>
          <li>Margin responsiveness = the peak maintenance over the path ÷ today&apos;s, to 4 decimals (half-even); the largest one-day increase is the largest rise of maintenance from one day to the next.</li>
        </ul>
      </details>
    </div>
  );
}

import type { SpanImportCounts, SpanImportReport } from "@/lib/span-xml/report";

function CountCells({ c }: { c: SpanImportCounts }) {
  return (
    <>
      <td className="text-right">{c.products}</td>
      <td className="text-right">{c.futures}</td>
      <td className="text-right">{c.optionSeries}</td>
      <td className="text-right">{c.options}</td>
    </>
  );
}

const countHeads = (
  <>
    <th className="text-right">Products</th>
    <th className="text-right">Futures</th>
    <th className="text-right">Option series</th>
    <th className="text-right">Options</th>
  </>
);

/** What a SPAN file load read (per exchange and combined commodity), did not carry over, and did not read. */
export function SpanImportReportView({ report, label }: { report: SpanImportReport; label: string }) {
  return (
    <section aria-label={label} className="mt-3 space-y-2 text-sm">
      <p className="text-slate-600">
        SPAN XML {report.fileFormat ?? "(no fileFormat)"}, business date {report.businessDate ?? "-"}, clearing organisation {report.clearingOrg ?? "-"}
        {report.currencyConversions ? `, ${report.currencyConversions} currency conversion rate(s)` : ""}.
      </p>
      <table className="w-full" aria-label="Read per exchange">
        <thead className="text-left text-slate-500"><tr><th>Exchange</th>{countHeads}</tr></thead>
        <tbody>
          {report.exchanges.map((e) => (
            <tr key={e.code} className="border-t border-slate-200"><td>{e.code}{e.name ? ` ${e.name}` : ""}</td><CountCells c={e} /></tr>
          ))}
        </tbody>
      </table>
      <table className="w-full" aria-label="Read per combined commodity">
        <thead className="text-left text-slate-500"><tr><th>Combined commodity</th><th>Currency</th>{countHeads}</tr></thead>
        <tbody>
          {report.combinedCommodities.map((c) => (
            <tr key={c.code} className="border-t border-slate-200"><td>{c.code}{c.name ? ` ${c.name}` : ""}</td><td>{c.currency}</td><CountCells c={c} /></tr>
          ))}
        </tbody>
      </table>
      <div>
        <h4 className="font-semibold">Not carried over ({report.skipped.length})</h4>
        {report.skipped.length ? <ul aria-label="Not carried over" className="list-disc pl-5 text-xs">{report.skipped.map((s) => <li key={s}>{s}</li>)}</ul> : <p className="text-xs">Nothing.</p>}
      </div>
      <div>
        <h4 className="font-semibold">Not read ({report.unread.length} element paths)</h4>
        {report.unread.length ? (
          <ul aria-label="Not read" className="list-disc pl-5 font-mono text-xs">
            {report.unread.map((u) => <li key={u.path}>{u.path} × {u.count}</li>)}
          </ul>
        ) : <p className="text-xs">Nothing: every element of the file was read.</p>}
      </div>
    </section>
  );
}

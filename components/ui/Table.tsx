import type { ReactNode } from "react";
import Link from "next/link";

export interface Column<Row> {
  /** A stable key (also the sort key in the URL when `sortable`). */
  readonly key: string;
  readonly header: ReactNode;
  readonly cell: (row: Row) => ReactNode;
  /** Numbers (money, quantities, prices, counts): right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /** A header link sorting by this column (the page reads `sort`/`dir` from its search params). */
  readonly sortable?: boolean;
  readonly className?: string;
}

export interface TableProps<Row> {
  /** The table's accessible name (its caption, visually hidden unless `showCaption`). */
  readonly caption: string;
  readonly showCaption?: boolean;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row, index: number) => string;
  /** What the table would show, said when it has no row ("No reports filed yet: …"). */
  readonly empty: ReactNode;
  /** Sorting: the current key and direction, and the URL to sort by a column. */
  readonly sort?: { readonly key: string; readonly dir: "asc" | "desc"; readonly href: (key: string, dir: "asc" | "desc") => string };
  readonly rowClassName?: (row: Row) => string | undefined;
  readonly rowProps?: (row: Row) => Record<string, string | undefined>;
  /** Rows after the body's (totals). */
  readonly footer?: ReactNode;
  readonly className?: string;
  /** data-testid of the table element */
  readonly testId?: string;
}

/**
 * The portal's one table: spaced columns, numbers right-aligned in tabular figures, a header
 * that stays at the top while the page scrolls, an empty state saying what would be there, and
 * optional sorting by header links.
 */
export function Table<Row>({ caption, showCaption, columns, rows, rowKey, empty, sort, rowClassName, rowProps, footer, className, testId }: TableProps<Row>) {
  return (
    <div className={`mt-2 overflow-x-auto ${className ?? ""}`}>
      <table className="w-full border-collapse text-sm" data-testid={testId}>
        <caption className={showCaption ? "mb-1 text-left font-medium" : "sr-only"}>{caption}</caption>
        <thead className="sticky top-0 z-10 bg-white text-slate-600 shadow-[inset_0_-1px_0_theme(colors.slate.300)]">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`px-3 py-2 font-medium first:pl-0 last:pr-0 ${c.numeric ? "text-right" : "text-left"} ${c.className ?? ""}`} aria-sort={sort && sort.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}>
                {sort && c.sortable ? (
                  <Link className="underline decoration-slate-300 hover:decoration-slate-600" href={sort.href(c.key, sort.key === c.key && sort.dir === "asc" ? "desc" : "asc")}>
                    {c.header}
                    {sort.key === c.key ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
                  </Link>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="py-3 text-slate-600">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row, i) => (
              <tr key={rowKey(row, i)} className={`border-t border-slate-200 align-top ${rowClassName?.(row) ?? ""}`} {...(rowProps?.(row) ?? {})}>
                {columns.map((c) => (
                  <td key={c.key} className={`px-3 py-1.5 first:pl-0 last:pr-0 ${c.numeric ? "text-right tabular-nums whitespace-nowrap" : ""} ${c.className ?? ""}`}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        {footer ? <tfoot className="border-t-2 border-slate-300 font-medium">{footer}</tfoot> : null}
      </table>
    </div>
  );
}

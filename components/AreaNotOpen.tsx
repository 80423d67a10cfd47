import type { Area } from "@/lib/auth/areas";

/** An area the navigation already lists but whose work is not done yet: says so plainly. */
export function AreaNotOpen({ area }: { area: Area }) {
  return (
    <section>
      <h1 className="text-2xl font-semibold">{area.label}</h1>
      <p className="mt-2 text-slate-700">{area.description}</p>
      <p className="mt-6 rounded border border-slate-300 bg-white p-4 text-sm text-slate-600" role="status">
        This area is not open yet{area.pending ? ` (tracked as ${area.pending})` : ""}. Nothing here is computed or stored yet.
      </p>
    </section>
  );
}

import { requirePage } from "@/lib/auth/authorize";
import { changedByEmails, listSettings, settingHistory } from "@/lib/server/settings/queries";
import { SettingForm } from "@/components/settings/SettingForm";
import { Table } from "@/components/ui/Table";
import { DateTime } from "@/components/ui/Money";

export default async function SettingsPage() {
  await requirePage("settings.edit", "/ch/settings");
  const [settings, history] = await Promise.all([listSettings(), settingHistory()]);
  const users = await changedByEmails(history);
  const groups = [...new Set(settings.map((s) => s.definition.group))];
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-slate-600">Parameters the rule texts leave to the clearing house. Every change is versioned with who, when, the old and new value, and why.</p>
      </div>
      {groups.map((g) => (
        <section key={g}>
          <h2 className="text-lg font-semibold">{g}</h2>
          <div className="mt-2 space-y-3">
            {settings.filter((s) => s.definition.group === g).map((s) => (
              <SettingForm key={s.definition.key} settingKey={s.definition.key} label={s.definition.label} source={s.definition.source} kind={s.definition.kind} value={s.value} isDefault={s.isDefault} />
            ))}
          </div>
        </section>
      ))}
      <section>
        <h2 className="text-lg font-semibold">History</h2>
        <Table
          caption="Setting history"
          columns={[
            { key: "when", header: "When", cell: (h) => <DateTime value={h.changedAt} /> },
            { key: "key", header: "Setting", cell: (h) => <span className="font-mono">{h.key}</span> },
            { key: "old", header: "Old", className: "max-w-48 truncate", cell: (h) => h.oldValue },
            { key: "new", header: "New", className: "max-w-48 truncate", cell: (h) => h.newValue },
            { key: "who", header: "Who", cell: (h) => (h.changedBy ? users.get(h.changedBy) ?? h.changedBy : "the portal") },
            { key: "why", header: "Why", cell: (h) => h.reason },
          ]}
          rows={history}
          rowKey={(h) => h.id.toString()}
          empty="No setting has been changed yet: all are at their defaults."
        />
      </section>
    </div>
  );
}

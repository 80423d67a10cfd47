import { requirePage } from "@/lib/auth/authorize";
import { changedByEmails, listSettings, settingHistory } from "@/lib/server/settings/queries";
import { SettingForm } from "@/components/settings/SettingForm";
import { formatUtc } from "@/components/format";

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
        {history.length === 0 ? <p className="text-sm text-slate-600">No setting has been changed yet: all are at their defaults.</p> : (
          <table className="mt-2 w-full text-sm">
            <thead className="text-left text-slate-500"><tr><th>When</th><th>Setting</th><th>Old</th><th>New</th><th>Who</th><th>Why</th></tr></thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id.toString()} className="border-t border-slate-200 align-top">
                  <td className="whitespace-nowrap">{formatUtc(h.changedAt)}</td><td className="font-mono">{h.key}</td>
                  <td className="max-w-48 truncate">{h.oldValue}</td><td className="max-w-48 truncate">{h.newValue}</td>
                  <td>{h.changedBy ? users.get(h.changedBy) ?? h.changedBy : "system"}</td><td>{h.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

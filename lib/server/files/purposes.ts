import type { Permission } from "@/lib/auth/permissions";
import type { FileKind } from "@/lib/files/sniff";

/** What each kind of upload is for, who may upload it, and which file types it takes. */
export const UPLOAD_PURPOSES: Record<string, { readonly permission: Permission; readonly kinds: readonly FileKind[]; readonly firmScoped: boolean }> = {
  "application-document": { permission: "application.own", kinds: ["pdf"], firmScoped: false },
  "filing-document": { permission: "member.file", kinds: ["pdf", "xlsx", "csv"], firmScoped: true },
  "span-parameters": { permission: "ch.risk", kinds: ["xml", "spn", "zip"], firmScoped: false },
  "settlement-prices": { permission: "ch.risk", kinds: ["csv"], firmScoped: false },
  "gf-stress-results": { permission: "ch.risk", kinds: ["csv"], firmScoped: false },
  "margin-feed": { permission: "member.file", kinds: ["csv"], firmScoped: true },
  "exemption-evidence": { permission: "member.riskAdmin", kinds: ["pdf", "xlsx", "csv"], firmScoped: true },
};

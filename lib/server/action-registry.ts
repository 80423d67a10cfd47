/** Every server action's definition, for the authorization-matrix test. */
import type { Permission } from "@/lib/auth/permissions";

export interface RegisteredAction {
  readonly name: string;
  readonly permission: Permission;
}

const registry = new Map<string, RegisteredAction>();

export function registerAction(def: RegisteredAction): void {
  const existing = registry.get(def.name);
  if (existing && existing.permission !== def.permission) throw new Error(`action ${def.name} registered twice with different permissions`);
  registry.set(def.name, def);
}

export function registeredActions(): ReadonlyMap<string, RegisteredAction> {
  return registry;
}

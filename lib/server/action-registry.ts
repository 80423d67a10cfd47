/** Every server action's name and permission, for the authorization-matrix test. */
import type { Permission } from "@/lib/auth/permissions";

const registry = new Map<string, Permission>();

export function registerAction(name: string, permission: Permission): void {
  const existing = registry.get(name);
  if (existing && existing !== permission) throw new Error(`action ${name} registered twice with different permissions`);
  registry.set(name, permission);
}

export function registeredActions(): ReadonlyMap<string, Permission> {
  return registry;
}

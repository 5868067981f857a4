import type { ALERT_SEVERITIES } from './schema.ts';

export type Severity = (typeof ALERT_SEVERITIES)[number];

/** A kind of alert a module raises, with labels for the alert centre's filter and list. */
export interface AlertKindDef {
  key: string;
  source: string;
  zh: string;
  en: string;
  severity: Severity;
  /**
   * Roles told first (level 0) at the alert's organisation, e.g. ['safety_officer'] for a light
   * sample; when unset, every role that may handle alerts there. Escalation then goes to the site
   * manager, the canteen head and the bureau (escalation.ts).
   */
  handlers?: readonly string[];
}

const registry = new Map<string, AlertKindDef>();

/** Each source module registers its kinds once, as it does its permissions; keys read `<source>.<what>`. */
export function defineAlertKinds<const T extends readonly AlertKindDef[]>(defs: T): { [K in T[number]['key']]: AlertKindDef & { key: K } } {
  const out: Record<string, AlertKindDef> = {};
  for (const d of defs) {
    if (!d.key.startsWith(`${d.source}.`)) throw new Error(`alert kind ${d.key} must start with its source ${d.source}`);
    registry.set(d.key, d);
    out[d.key] = d;
  }
  return out as { [K in T[number]['key']]: AlertKindDef & { key: K } };
}

export function alertKind(key: string): AlertKindDef | undefined {
  return registry.get(key);
}

export function allAlertKinds(): AlertKindDef[] {
  return [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
}

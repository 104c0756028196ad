/**
 * metricsutil's TopCmdPrinter: rows of tab-terminated cells through printers.GetNewTabWriter (so every
 * cell, the last included, is padded), CPU as "%dm" of the millicore value (rounded up, as
 * Quantity.MilliValue does) and memory as "%dMi" (whole MiB, rounded down).
 */
import { formatTabs, TABLE_TABS } from '../describe/tabwriter';

export interface Usage {
  readonly cpuMillis: number;
  readonly memoryBytes: number;
}

const MI = 2 ** 20;

/** Quantity.MilliValue of a CPU amount (nanocore precision, rounded up). */
export function milliValue(cpuMillis: number): number {
  return Math.ceil(Math.round(cpuMillis * 1e6) / 1e6);
}

export const cpuCell = (u: Usage): string => `${milliValue(u.cpuMillis)}m`;
export const memoryCell = (u: Usage): string => `${Math.floor(u.memoryBytes / MI)}Mi`;

/** int64(usage / available * 100) on milli values. */
export function percentCell(used: number, available: number): string {
  return `${available === 0 ? 0 : Math.trunc((used / available) * 100)}%`;
}

/** Rows of cells, each followed by a tab as printValue writes them. */
export function topTable(rows: readonly (readonly string[])[]): string {
  return formatTabs(rows.map((r) => r.map((c) => `${c}\t`).join('')).join('\n'), TABLE_TABS);
}

export function sum(list: readonly Usage[]): Usage {
  let cpu = 0;
  let memory = 0;
  for (const u of list) {
    cpu += u.cpuMillis;
    memory += u.memoryBytes;
  }
  return { cpuMillis: cpu, memoryBytes: memory };
}

/**
 * kubectl's table layout: text/tabwriter with minwidth 6, padding 3 and space padding
 * (printers.GetNewTabWriter). Every cell but a row's last is padded to its column's width plus three
 * spaces; the last cell is not padded, so lines carry no trailing spaces.
 */

const MIN_WIDTH = 6;
const PADDING = 3;

export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) {
    for (let i = 0; i < r.length - 1; i++) {
      widths[i] = Math.max(widths[i] ?? MIN_WIDTH, (r[i] ?? '').length + PADDING);
    }
  }
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? MIN_WIDTH))).join(''))
    .join('\n');
}

/**
 * Go's text/tabwriter (padchar ' ', no flags), which kubectl's describe and top output go through: text is
 * cut into cells at tabs; tab-terminated cells in contiguous lines form a column, padded to its widest cell
 * plus `padding` (at least `minWidth`). The text after a line's last tab is not part of any column. Widths
 * are counted in code points, as Go counts runes.
 */

export interface TabOptions {
  readonly minWidth: number;
  readonly padding: number;
}

/** kubectl describe: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABS: TabOptions = { minWidth: 0, padding: 2 };
/** kubectl's table printers (top, get): printers.GetNewTabWriter, minwidth 6, padding 3. */
export const TABLE_TABS: TabOptions = { minWidth: 6, padding: 3 };

function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Formats a block of text that is flushed at once. A trailing newline is kept; a missing one stays missing. */
export function formatTabs(text: string, opts: TabOptions): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const write = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i] as string[];
      let line = '';
      cells.forEach((c, j) => {
        line += c;
        const w = widths[j];
        if (j < cells.length - 1 && w !== undefined) line += ' '.repeat(Math.max(0, w - width(c)));
      });
      out.push(line);
    }
  };

  // format(line0, line1) of Go's tabwriter: find each block of lines with a cell in the next column,
  // size that column, recurse for the columns to its right.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= (lines[i] as string[]).length - 1) continue;
      write(start, i);
      let w = opts.minWidth;
      let end = i;
      for (; end < line1; end++) {
        const cells = lines[end] as string[];
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column] as string) + opts.padding);
      }
      widths.push(w);
      format(i, end);
      widths.pop();
      start = end;
      i = end - 1;
    }
    write(start, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}

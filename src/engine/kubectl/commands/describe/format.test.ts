/** The Go tabwriter emulation and the value formats describe and top print. */
import { describe, expect, it } from 'vitest';
import { canonicalQuantity, rfc1123z } from './format';
import { DESCRIBE_TABS, formatTabs, TABLE_TABS } from './tabwriter';
import { PrefixWriter, printTolerations } from './writer';

describe('formatTabs (text/tabwriter)', () => {
  it('aligns tab-terminated cells of contiguous lines; a line without tabs ends the block', () => {
    const text =
      'Name:\tweb\nNamespace:\tdefault\nContainers:\n  web:\n    Image:\tnginx\n    Port:\t80/TCP\n';
    expect(formatTabs(text, DESCRIBE_TABS)).toBe(
      'Name:       web\nNamespace:  default\nContainers:\n  web:\n    Image:  nginx\n    Port:   80/TCP\n',
    );
  });

  it('pads the text before an empty trailing cell and leaves the last cell unpadded', () => {
    expect(formatTabs('IP:\t\nIPs:\t<none>\n', DESCRIBE_TABS)).toBe('IP:   \nIPs:  <none>\n');
  });

  it("sizes nested columns per block, as kubectl top's table with minwidth 6 and padding 3", () => {
    const rows = 'NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\nnode1\t1000m\t10%\t1024Mi\t10%\t\n';
    expect(formatTabs(rows, TABLE_TABS)).toBe(
      'NAME    CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \nnode1   1000m        10%      1024Mi          10%         \n',
    );
  });
});

describe('formats', () => {
  it('prints times as RFC 1123 with a numeric zone', () => {
    expect(rfc1123z('2026-01-01T09:00:05Z')).toBe('Thu, 01 Jan 2026 09:00:05 +0000');
    expect(rfc1123z('2026-03-15T23:59:59.500Z')).toBe('Sun, 15 Mar 2026 23:59:59 +0000');
  });

  it('prints quantities in canonical form', () => {
    expect(canonicalQuantity('0.5')).toBe('500m');
    expect(canonicalQuantity('1000m')).toBe('1');
    expect(canonicalQuantity('100m')).toBe('100m');
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity('64Mi')).toBe('64Mi');
    expect(canonicalQuantity('2000')).toBe('2k');
    expect(canonicalQuantity('110')).toBe('110');
    expect(canonicalQuantity('500M')).toBe('500M');
    expect(canonicalQuantity(4)).toBe('4');
  });

  it('prints tolerations as kubectl does, aligned under the first', () => {
    const w = new PrefixWriter();
    printTolerations(w, 'Tolerations', [
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      { key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' },
      { operator: 'Exists' },
    ]);
    expect(w.toString()).toBe(
      'Tolerations:  op=Exists\n              dedicated=db:NoSchedule\n              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './args';
import { allowedOrigin, parseConsoleLine } from './control';

describe('serve arguments', () => {
  it('defaults to 127.0.0.1:6443 at speed 1, running', () => {
    expect(parseServeArgs(['s.yaml'])).toMatchObject({
      file: 's.yaml',
      port: 6443,
      speed: 1,
      paused: false,
      address: '127.0.0.1',
      allowOrigins: [],
    });
  });

  it('reads every flag, in both spellings', () => {
    expect(
      parseServeArgs([
        '--port=0',
        's.yaml',
        '--speed',
        '5',
        '--kubeconfig',
        'k',
        '--paused',
        '--allow-origin',
        'https://x.org/a',
      ]),
    ).toMatchObject({ port: 0, speed: 5, kubeconfig: 'k', paused: true, allowOrigins: ['https://x.org'] });
  });

  it('says what is wrong with a bad command line', () => {
    expect(() => parseServeArgs([])).toThrow('missing the scenario file');
    expect(() => parseServeArgs(['s.yaml', '--port', '70000'])).toThrow('--port needs a port number');
    expect(() => parseServeArgs(['s.yaml', '--speed', '100'])).toThrow(
      '--speed needs a number from 0.25 to 50',
    );
    expect(() => parseServeArgs(['s.yaml', '--allow-origin', 'nope'])).toThrow(
      '--allow-origin needs an origin',
    );
    expect(() => parseServeArgs(['s.yaml', '--bogus'])).toThrow('unknown flag --bogus');
    expect(() => parseServeArgs(['a.yaml', 'b.yaml'])).toThrow('one scenario file at a time');
  });
});

describe('the serve console', () => {
  it('turns lines into control actions, and faults into fault objects', () => {
    expect(parseConsoleLine('pause')).toEqual({ action: 'pause' });
    expect(parseConsoleLine('speed 10')).toEqual({ action: 'speed', speed: 10 });
    expect(parseConsoleLine('skip 90')).toEqual({ action: 'skip', seconds: 90 });
    expect(parseConsoleLine('fault NodeFailure node=node-2')).toEqual({
      action: 'fault',
      fault: { type: 'NodeFailure', node: 'node-2' },
    });
    expect(parseConsoleLine('fault ControlPlaneOutage durationSeconds=60')).toEqual({
      action: 'fault',
      fault: { type: 'ControlPlaneOutage', durationSeconds: 60 },
    });
    expect(parseConsoleLine('   ')).toBeUndefined();
    expect(parseConsoleLine('rm -rf /')).toMatchObject({
      error: expect.stringContaining('unknown command "rm"'),
    });
    expect(parseConsoleLine('fault PodCrash oops')).toEqual({ error: 'expected key=value, not "oops"' });
  });
});

describe('origins allowed to control the server from a browser', () => {
  it('allows loopback pages and listed origins only', () => {
    expect(allowedOrigin('http://127.0.0.1:4173', [])).toBe('http://127.0.0.1:4173');
    expect(allowedOrigin('http://localhost:5173', [])).toBe('http://localhost:5173');
    expect(allowedOrigin('https://evil.example', [])).toBeUndefined();
    expect(allowedOrigin('https://course.example', ['https://course.example'])).toBe(
      'https://course.example',
    );
    expect(allowedOrigin('null', [])).toBeUndefined();
  });
});

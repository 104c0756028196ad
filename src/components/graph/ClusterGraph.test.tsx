// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Fault } from '../../engine';
import { Inspector, loadExplain } from '../inspector/Inspector';
import { ClusterGraph } from './ClusterGraph';
import { run } from './testkit';

beforeAll(() => {
  // jsdom has no layout: give React Flow the few browser APIs it measures with.
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
  class DOMMatrixStub {
    m22 = 1;
    constructor(_init?: string) {}
  }
  (globalThis as { DOMMatrixReadOnly?: unknown }).DOMMatrixReadOnly ??= DOMMatrixStub;
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
});

afterEach(cleanup);

function frame(children: React.ReactNode) {
  return <div style={{ width: 1200, height: 700 }}>{children}</div>;
}

describe('ClusterGraph', () => {
  const { mirror } = run('self-healing', 20);

  it('gives every node and pod its contract-3 accessible name', () => {
    render(frame(<ClusterGraph mirror={mirror} />));
    for (const n of ['node-1', 'node-2', 'node-3']) {
      expect(screen.getByLabelText(new RegExp(`^Node ${n} Ready`))).toBeTruthy();
    }
    expect(screen.getAllByLabelText(/^Pod shop-[a-z0-9]+-[a-z0-9]{5} Running ready$/)).toHaveLength(3);
  });

  it('selects with Enter and offers faults by keyboard (Shift+F10) and right click', () => {
    const onSelect = vi.fn();
    const onFault = vi.fn<(f: Fault) => void>();
    render(frame(<ClusterGraph mirror={mirror} onSelect={onSelect} onFault={onFault} />));
    const pod = screen.getAllByLabelText(/^Pod shop-\S+ Running ready$/)[0] as HTMLElement;
    const name = pod.getAttribute('aria-label')?.split(' ')[1] ?? '';
    expect(pod.tabIndex).toBe(0);
    pod.focus();
    fireEvent.keyDown(pod, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith(`Pod/default/${name}`);

    fireEvent.keyDown(pod, { key: 'F10', shiftKey: true });
    const menu = screen.getByRole('menu', { name: `Faults for ${name}` });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((b) => b.textContent),
    ).toEqual(['Crash pod', 'Delete pod', 'Hang app']);
    expect(document.activeElement?.textContent).toBe('Crash pod');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Delete pod' }));
    expect(onFault).toHaveBeenCalledWith({ type: 'PodDelete', pod: name, namespace: 'default' });
    expect(screen.queryByRole('menu')).toBeNull();

    const node = screen.getByLabelText(/^Node node-2 Ready/);
    fireEvent.contextMenu(node, { clientX: 10, clientY: 10 });
    const nodeMenu = screen.getByRole('menu', { name: 'Faults for node-2' });
    fireEvent.click(within(nodeMenu).getByRole('menuitem', { name: 'Fail node' }));
    expect(onFault).toHaveBeenLastCalledWith({ type: 'NodeFailure', node: 'node-2' });

    fireEvent.keyDown(node, { key: 'ContextMenu' });
    const again = screen.getByRole('menu', { name: 'Faults for node-2' });
    fireEvent.keyDown(again, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(node);
  });

  it('moves between pods with the arrow keys', () => {
    const big = run('node-loss', 20).mirror; // six pods, two per node
    render(frame(<ClusterGraph mirror={big} />));
    const node = screen.getByLabelText(/^Node node-1 Ready/);
    node.focus();
    fireEvent.keyDown(node, { key: 'ArrowDown' });
    const first = document.activeElement as HTMLElement;
    expect(first.getAttribute('aria-label')).toMatch(/^Pod api-/);
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    const second = document.activeElement as HTMLElement;
    expect(second).not.toBe(first);
    expect(second.getAttribute('aria-label')).toMatch(/^Pod api-/);
    expect(second.tabIndex).toBe(0);
    expect(first.tabIndex).toBe(-1);
    fireEvent.keyDown(second, { key: 'Escape' });
    expect(document.activeElement).toBe(node);
  });

  it('updates names as the cluster changes (at the next animation frame)', async () => {
    const { sim, mirror: start } = run('node-loss', 20);
    const { rerender } = render(frame(<ClusterGraph mirror={start} />));
    expect(screen.getByLabelText(/^Node node-2 Ready/)).toBeTruthy();
    sim.runUntil(90);
    act(() => {
      rerender(frame(<ClusterGraph mirror={run('node-loss', 90).mirror} />));
    });
    expect(await screen.findByLabelText(/^Node node-2 Unknown, machine off/)).toBeTruthy();
  });
});

describe('Inspector', () => {
  // The app fetches the explanations at the learner's first move; here, before the first render.
  beforeAll(async () => {
    await loadExplain();
  });

  it('explains the selected pod in plain words and in Kubernetes words', () => {
    const { mirror } = run('unschedulable', 30);
    const key = [...mirror.objects.keys()].find((k) => k.startsWith('Pod/')) ?? '';
    render(<Inspector mirror={mirror} selectedKey={key} />);
    const panel = screen.getByRole('complementary', { name: 'Why: inspector' });
    expect(within(panel).getByText(/^No node can take this pod/)).toBeTruthy();
    // Kubernetes' own message: verbatim in the scheduler section, and again in the events and conditions.
    expect(panel.querySelector('pre')?.textContent).toMatch(
      /^0\/3 nodes are available: 3 Insufficient cpu\./,
    );
    expect(within(panel).getAllByText(/^0\/3 nodes are available/).length).toBeGreaterThan(1);
    expect(within(panel).getAllByText(/Insufficient cpu\)\.$/)).toHaveLength(3);
  });

  it('shows the node countdowns', () => {
    const { mirror } = run('node-loss', 60);
    render(<Inspector mirror={mirror} selectedKey="Node/node-2" />);
    expect(screen.getByText('Marked Unknown')).toBeTruthy();
    expect(screen.getByText('in 15s (at 1m15s)')).toBeTruthy();
    expect(screen.getByText('in 5m 20s (at 6m20s)')).toBeTruthy();
  });

  it('offers stored objects, not control-plane parts, as live YAML', () => {
    const { mirror } = run('self-healing', 5);
    const onOpenYaml = vi.fn();
    const { rerender } = render(
      <Inspector mirror={mirror} selectedKey="Deployment/default/shop" onOpenYaml={onOpenYaml} />,
    );
    fireEvent.click(screen.getByRole('button', { name: /^Open Deployment shop as YAML/ }));
    expect(onOpenYaml).toHaveBeenCalledWith('Deployment/default/shop');
    rerender(<Inspector mirror={mirror} selectedKey="ControlPlane/scheduler" onOpenYaml={onOpenYaml} />);
    expect(screen.getByRole('heading', { name: /scheduler/i })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /as YAML/ })).toBeNull();
  });

  it('invites a selection when nothing is selected', () => {
    render(<Inspector mirror={run('self-healing', 5).mirror} selectedKey={null} />);
    expect(screen.getByText(/^Click or focus anything/)).toBeTruthy();
  });
});

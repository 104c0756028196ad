/**
 * Run code in a task after the current one. Called from an animation frame callback, that task runs after
 * the frame's style, layout and paint, so it can time what a redraw really cost the page.
 */
let channel: MessageChannel | undefined;
const queue: (() => void)[] = [];

export function afterPaint(fn: () => void): void {
  if (typeof MessageChannel !== 'function') return;
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => {
      for (const run of queue.splice(0)) run();
    };
    // Outside a browser (tests), an open port must not keep the process alive.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  queue.push(fn);
  if (queue.length === 1) channel.port2.postMessage(null);
}

/**
 * What the editor needs the `yaml` library for (the review diff and the live object view), in a chunk of its
 * own that the editor fetches once it is shown, so the editor's first chunk stays small enough to prefetch.
 */
export { planApply } from './diff';
export { liveView } from './live';

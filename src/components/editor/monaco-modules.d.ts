// The parts of monaco-editor imported by path (the editor core without its 80 bundled languages), typed as
// the package's public API.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
declare module 'monaco-yaml/yaml.worker.js';

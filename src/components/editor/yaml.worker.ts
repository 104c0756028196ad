// monaco-yaml's language worker (schema validation, completion, hover), bundled as its own worker file.
import 'monaco-yaml/yaml.worker.js';

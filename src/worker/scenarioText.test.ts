import { describe, expect, it } from 'vitest';
import { manifestsOf, summaryOf } from './scenarioText';

const source = `# Self-healing: three replicas.
# More words.
apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: x
spec:
  timeline:
    - at: 10s
      apply: |
        apiVersion: v1
        kind: ConfigMap
        ---
        kind: Scenario
---
# The shop
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
---
---
apiVersion: v1
kind: Service
metadata: {name: shop}
`;

describe('scenario text', () => {
  it('keeps the manifests as written and drops the Scenario document', () => {
    expect(manifestsOf(source)).toBe(
      '# The shop\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: shop}\n',
    );
  });
  it('is empty for a scenario without manifests', () => {
    expect(manifestsOf('kind: Scenario\napiVersion: setpoint.dev/v1alpha1\n')).toBe('');
  });
  it('reads the first comment line as a summary', () => {
    expect(summaryOf(source)).toBe('Self-healing: three replicas.');
    expect(summaryOf('kind: Scenario')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import generated from '../../engine/api/schema/kubernetes.json';
import { kubernetesSchema } from './schema';

describe('the editor schema', () => {
  const schema = kubernetesSchema() as {
    allOf: { if: { properties: { kind: { const: string } } }; then: { $ref: string } }[];
    properties: { kind: { enum: string[] }; apiVersion: { enum: string[] } };
    definitions: Record<string, unknown>;
  };

  it('chooses each served kind’s schema by its kind', () => {
    const kinds = Object.keys(generated.kinds);
    expect(schema.allOf.map((c) => c.if.properties.kind.const).sort()).toEqual([...kinds].sort());
    for (const c of schema.allOf)
      expect(schema.definitions[c.then.$ref.replace('#/definitions/', '')]).toBeDefined();
    expect(schema.properties.kind.enum).toContain('Deployment');
    expect(schema.properties.apiVersion.enum).toEqual(expect.arrayContaining(['v1', 'apps/v1']));
  });

  it('keeps descriptions for hover and drops the Go annotations', () => {
    const text = JSON.stringify(schema);
    expect(text).not.toContain('x-go-type');
    expect(text).toContain('Number of desired pods');
  });
});

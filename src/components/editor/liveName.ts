/** kubectl's name for the object behind a mirror key ("Deployment/default/shop" -> "deployment.apps/shop"). */
import type { Kind } from '../../engine/api/types';
import { KIND_INFO } from '../../engine/api/types';
import { qualifiedSingular, resourceType } from '../../engine/kubectl/resources';

export function liveName(key: string): string {
  const parts = key.split('/');
  const kind = parts[0] ?? '';
  const name = parts[parts.length - 1] ?? '';
  return kind in KIND_INFO ? `${qualifiedSingular(resourceType(kind as Kind))}/${name}` : key;
}

/** kubectl's name for the object behind a mirror key ("Deployment/default/shop" -> "deployment.apps/shop"). */
import type { Kind } from '../../engine';
import { KIND_INFO, qualifiedSingular, resourceType } from '../../engine';

export function liveName(key: string): string {
  const parts = key.split('/');
  const kind = parts[0] ?? '';
  const name = parts[parts.length - 1] ?? '';
  return kind in KIND_INFO ? `${qualifiedSingular(resourceType(kind as Kind))}/${name}` : key;
}

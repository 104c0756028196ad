/** API errors in Kubernetes' own form, so kubectl and the UI can print exactly what a real cluster says. */
import type { Kind } from './types';
import { KIND_INFO } from './types';

export type FieldErrorType =
  'Invalid' | 'Required' | 'Unsupported value' | 'Forbidden' | 'Duplicate value' | 'Too long';

export interface FieldError {
  readonly type: FieldErrorType;
  /** Kubernetes' field path, e.g. "spec.template.spec.containers[0].image". */
  readonly field: string;
  readonly value?: unknown;
  readonly detail?: string;
  /** The value as Kubernetes prints it, when Go's formatting differs from JSON (maps, IntOrString). */
  readonly printed?: string;
}

/** How field.Error spells each type in a message ("Invalid value", "Required value", ...). */
const TYPE_TEXT: Record<FieldErrorType, string> = {
  Invalid: 'Invalid value',
  Required: 'Required value',
  'Unsupported value': 'Unsupported value',
  Forbidden: 'Forbidden',
  'Duplicate value': 'Duplicate value',
  'Too long': 'Too long',
};

export type Reason =
  'NotFound' | 'AlreadyExists' | 'Invalid' | 'Conflict' | 'Forbidden' | 'BadRequest' | 'ServiceUnavailable';

const CODES: Record<Reason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Forbidden: 403,
  BadRequest: 400,
  ServiceUnavailable: 503,
};

export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: Reason,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = CODES[reason];
  }
}

/** "deployments.apps" as the API server names a resource in errors. */
export function qualifiedResource(kind: Kind): string {
  const { apiVersion, plural } = KIND_INFO[kind];
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group ? `${plural}.${group}` : plural;
}

/** "Deployment.apps" as the API server names a kind in validation errors. */
export function qualifiedKind(kind: Kind): string {
  const { apiVersion } = KIND_INFO[kind];
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group ? `${kind}.${group}` : kind;
}

export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function formatFieldError(e: FieldError): string {
  switch (e.type) {
    case 'Required':
    case 'Forbidden':
    case 'Too long':
      return `${e.field}: ${TYPE_TEXT[e.type]}${e.detail ? `: ${e.detail}` : ''}`;
    default:
      return `${e.field}: ${TYPE_TEXT[e.type]}: ${e.printed ?? formatValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
  }
}

export function notFound(kind: Kind, name: string): ApiError {
  return new ApiError('NotFound', `${qualifiedResource(kind)} "${name}" not found`);
}

export function alreadyExists(kind: Kind, name: string): ApiError {
  return new ApiError('AlreadyExists', `${qualifiedResource(kind)} "${name}" already exists`);
}

/** The API server's message for failed validation, e.g. `Deployment.apps "web" is invalid: spec.replicas: ...`. */
export function invalid(kind: Kind, name: string, errors: readonly FieldError[]): ApiError {
  const list = errors.map(formatFieldError);
  const body = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new ApiError('Invalid', `${qualifiedKind(kind)} "${name}" is invalid: ${body}`, errors);
}

/** What kubectl prints for an ApiError: `Error from server (NotFound): deployments.apps "web" not found`. */
export function kubectlMessage(err: ApiError, kind?: Kind, name?: string): string {
  if (err.reason === 'Invalid' && kind && name) {
    return `The ${kind} "${name}" is invalid: ${err.message.slice(err.message.indexOf('is invalid: ') + 12)}`;
  }
  return `Error from server (${err.reason}): ${err.message}`;
}

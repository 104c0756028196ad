/**
 * The API server's error bodies: a metav1.Status with the reason, code and details that
 * k8s.io/apimachinery/pkg/api/errors builds for each case, so kubectl and client libraries print exactly
 * what they print against a real cluster.
 */
import type { ApiError, FieldError, FieldErrorType } from '../engine';
import { formatFieldError } from '../engine';

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly causes?: readonly { reason: string; message: string; field?: string }[];
  readonly retryAfterSeconds?: number;
}

export interface Status {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure' | 'Success';
  readonly message?: string;
  readonly reason?: string;
  readonly details?: StatusDetails;
  readonly code: number;
}

/** An error on its way out as an HTTP response: the Status and its code. */
export class HttpError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }

  get code(): number {
    return this.status.code;
  }
}

export function failure(code: number, reason: string, message: string, details?: StatusDetails): HttpError {
  return new HttpError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  });
}

export function success(code = 200, details?: StatusDetails): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    ...(details ? { details } : {}),
    code,
  };
}

/** The group and plural of a resource, for `details` ("deployments" in "apps"). */
export interface ResourceRef {
  readonly group: string;
  readonly resource: string;
}

function qualified(r: ResourceRef): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

function detailsOf(r: ResourceRef, name: string): StatusDetails {
  return { name, ...(r.group ? { group: r.group } : {}), kind: r.resource };
}

export const notFound = (r: ResourceRef, name: string): HttpError =>
  failure(404, 'NotFound', `${qualified(r)} "${name}" not found`, detailsOf(r, name));

export const badRequest = (message: string): HttpError => failure(400, 'BadRequest', message);

export const methodNotAllowed = (): HttpError =>
  failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

/** apierrors.NewGenericServerResponse(404, ...) as the API server answers a path it does not serve. */
export const pathNotFound = (): HttpError =>
  failure(404, 'NotFound', 'the server could not find the requested resource');

export const notAcceptable = (message: string): HttpError => failure(406, 'NotAcceptable', message);

export const unsupportedMediaType = (contentType: string): HttpError =>
  failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${contentType}`,
  );

export const tooLarge = (limit: number): HttpError =>
  failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

export const expired = (message: string): HttpError => failure(410, 'Expired', message);

/** field.ErrorType's CauseType names (FieldValueInvalid, ...). */
const CAUSES: Record<FieldErrorType, string> = {
  Invalid: 'FieldValueInvalid',
  Required: 'FieldValueRequired',
  'Unsupported value': 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  'Duplicate value': 'FieldValueDuplicate',
  'Too long': 'FieldValueTooLong',
};

function cause(e: FieldError): { reason: string; message: string; field: string } {
  const text = formatFieldError(e);
  return { reason: CAUSES[e.type], message: text.slice(e.field.length + 2), field: e.field };
}

/**
 * An engine ApiError as the API server returns it. `r` is the resource the request was for; Invalid
 * errors name the kind instead ("Deployment.apps" in the message, kind "Deployment" in details).
 */
export function fromApiError(e: ApiError, r: ResourceRef, name: string, kind: string): HttpError {
  switch (e.reason) {
    case 'NotFound':
    case 'AlreadyExists':
      return failure(e.code, e.reason, e.message, detailsOf(r, name));
    case 'Conflict':
      return failure(e.code, e.reason, e.message, detailsOf(r, name));
    case 'Invalid':
      return failure(e.code, e.reason, e.message, {
        name,
        ...(r.group ? { group: r.group } : {}),
        kind,
        causes: e.fieldErrors.map(cause),
      });
    case 'Forbidden':
      return failure(e.code, e.reason, e.message, detailsOf(r, name));
    case 'ServiceUnavailable':
      return failure(e.code, e.reason, e.message);
    case 'BadRequest':
      return failure(e.code, e.reason, e.message);
  }
}

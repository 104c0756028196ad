/**
 * Shared pieces of the API server's validation, written after Kubernetes' apimachinery and core
 * validators: name formats with their exact messages, labels and annotations, object metadata, label
 * selectors, ports, quantities and IntOrString values, and Go-style printing of rejected values.
 */
import type { FieldError } from '../errors';
import { parseQuantity } from '../quantity';
import type { LabelSelector, ObjectMeta } from '../types';

export type Errors = FieldError[];

// ---------------------------------------------------------------------------------------------------------
// Messages, as apimachinery's util/validation prints them.

export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

export const maxLenError = (n: number): string => `must be no more than ${n} characters`;
export const inclusiveRangeError = (lo: number, hi: number): string =>
  `must be between ${lo} and ${hi}, inclusive`;
export const NONNEGATIVE = 'must be greater than or equal to 0';
export const IMMUTABLE = 'field is immutable';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const PERCENT_FMT = '[0-9]+%';
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'";

const anchored = (fmt: string): RegExp => new RegExp(`^(?:${fmt})$`);
const DNS1123_LABEL_RE = anchored(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN_RE = anchored(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL_RE = anchored(DNS1035_LABEL_FMT);
const LABEL_KEY_RE = anchored(LABEL_KEY_FMT);
const LABEL_VALUE_RE = anchored(LABEL_VALUE_FMT);
const PERCENT_RE = anchored(PERCENT_FMT);

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(v)) {
    errs.push(
      DNS1123_SUBDOMAIN_RE.test(v)
        ? 'must not contain dots'
        : regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'),
    );
  }
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(v))
    errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(v))
    errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** A label key (a "qualified name"): an optional DNS subdomain prefix and '/', then a name part. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0] ?? '';
  else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!LABEL_KEY_RE.test(name))
    errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(v))
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

export function isValidPortNum(p: number): string[] {
  return Number.isInteger(p) && p >= 1 && p <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isValidPortName(p: string): string[] {
  const errs: string[] = [];
  if (p.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(p))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(p)) errs.push('must contain at least one letter (a-z)');
  if (p.includes('--')) errs.push('must not contain consecutive hyphens');
  if (p.length > 0 && (p.startsWith('-') || p.endsWith('-')))
    errs.push('must not begin or end with a hyphen');
  return errs;
}

export function isValidPercent(p: string): string[] {
  return PERCENT_RE.test(p) ? [] : [regexError(PERCENT_MSG, PERCENT_FMT, '1%', '93%')];
}

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(ip: string): boolean {
  return IPV4_RE.test(ip);
}

export function isIP(ip: string): boolean {
  if (isIPv4(ip)) return true;
  // A loose IPv6 check: hex groups and colons, at most one "::".
  return (
    /^[0-9a-fA-F:]+$/.test(ip) && ip.includes(':') && ip.split('::').length <= 2 && ip.split(':').length <= 8
  );
}

export const IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

// ---------------------------------------------------------------------------------------------------------
// Go-style printing of rejected values (field.Error prints maps and structs with %#v, IntOrString with
// its String method), kept in FieldError.printed so formatFieldError shows what kubectl shows.

export function goQuote(s: string): string {
  return JSON.stringify(s);
}

export function goStringMap(m: Readonly<Record<string, string>> | undefined): string {
  if (m === undefined) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`).join(', ')}}`;
}

/** IntOrString's String(): the number, or the string without quotes. */
export function goIntOrString(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : String(v);
}

/** metav1.LabelSelector's generated String() (used because *LabelSelector is a fmt.Stringer). */
export function goLabelSelector(s: LabelSelector | undefined): string {
  if (!s) return 'null';
  const keys = Object.keys(s.matchLabels ?? {}).sort();
  const labels = keys.map((k) => `${k}: ${s.matchLabels?.[k] ?? ''},`).join('');
  const exprs = (s.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

// ---------------------------------------------------------------------------------------------------------
// Field error constructors (field.Invalid, field.Required, ...).

export function invalidErr(field: string, value: unknown, detail: string, printed?: string): FieldError {
  return printed === undefined
    ? { type: 'Invalid', field, value, detail }
    : { type: 'Invalid', field, value, detail, printed };
}

export function required(field: string, detail = ''): FieldError {
  return detail ? { type: 'Required', field, detail } : { type: 'Required', field };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'Duplicate value', field, value };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  return {
    type: 'Unsupported value',
    field,
    value,
    detail: `supported values: ${supported.map(goQuote).join(', ')}`,
  };
}

export function nonNegative(value: number | undefined, field: string): Errors {
  return value !== undefined && value < 0 ? [invalidErr(field, value, NONNEGATIVE)] : [];
}

/** Strings collected from the JSON-ish input: anything else is treated as absent. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

// ---------------------------------------------------------------------------------------------------------
// Metadata.

export type NameFn = (name: string) => string[];

export function validateLabels(labels: Readonly<Record<string, string>> | undefined, field: string): Errors {
  const errs: Errors = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(invalidErr(field, k, m));
    for (const m of isLabelValue(typeof v === 'string' ? v : String(v))) errs.push(invalidErr(field, v, m));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
  field: string,
): Errors {
  const errs: Errors = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalidErr(field, k, m));
    size += k.length + (typeof v === 'string' ? v.length : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push({ type: 'Too long', field, detail: `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
  }
  return errs;
}

/** ValidateObjectMeta: name (by the kind's rule), namespace, labels, annotations, owner references. */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  nameFn: NameFn,
  field = 'metadata',
): Errors {
  const errs: Errors = [];
  const m = meta ?? {};
  if (m.generateName) {
    const prefix = m.generateName.endsWith('-') ? m.generateName.slice(0, -1) : m.generateName;
    for (const msg of nameFn(prefix)) errs.push(invalidErr(`${field}.generateName`, m.generateName, msg));
  }
  if (!m.name) errs.push(required(`${field}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(m.name)) errs.push(invalidErr(`${field}.name`, m.name, msg));
  if (namespaced) {
    if (!m.namespace) errs.push(required(`${field}.namespace`));
    else
      for (const msg of isDNS1123Label(m.namespace))
        errs.push(invalidErr(`${field}.namespace`, m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbidden(`${field}.namespace`, 'not allowed on this type'));
  }
  errs.push(...validateLabels(m.labels, `${field}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${field}.annotations`));
  (m.ownerReferences ?? []).forEach((ref, i) => {
    const p = `${field}.ownerReferences[${i}]`;
    if (!ref.apiVersion)
      errs.push(invalidErr(`${p}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalidErr(`${p}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalidErr(`${p}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalidErr(`${p}.uid`, ref.uid ?? '', 'uid must not be empty'));
  });
  if ((m.ownerReferences ?? []).filter((r) => r.controller === true).length > 1) {
    errs.push(
      invalidErr(
        `${field}.ownerReferences`,
        m.ownerReferences,
        'Only one reference can have Controller set to true',
      ),
    );
  }
  return errs;
}

/** Name and namespace cannot change on update (the store looks objects up by them, so only uid is checked). */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined): Errors {
  const errs: Errors = [];
  if (old?.uid && meta?.uid && meta.uid !== old.uid)
    errs.push(invalidErr('metadata.uid', meta.uid, IMMUTABLE));
  return errs;
}

// ---------------------------------------------------------------------------------------------------------
// Label selectors.

export function validateLabelSelector(sel: LabelSelector | undefined, field: string): Errors {
  const errs: Errors = [];
  if (!sel) return errs;
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = `${field}.matchExpressions[${i}]`;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (!e.values || e.values.length === 0) {
          errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (e.values && e.values.length > 0) {
          errs.push(
            forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
          );
        }
        break;
      default:
        errs.push(invalidErr(`${p}.operator`, e.operator, 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(str(e.key))) errs.push(invalidErr(`${p}.key`, e.key, m));
  });
  errs.push(...validateLabels(sel.matchLabels, `${field}.matchLabels`));
  return errs;
}

export function selectorIsEmpty(sel: LabelSelector | undefined): boolean {
  return Object.keys(sel?.matchLabels ?? {}).length + (sel?.matchExpressions?.length ?? 0) === 0;
}

// ---------------------------------------------------------------------------------------------------------
// IntOrString and quantities.

export type IntOrString = number | string;

/** ValidatePortNumOrName for IntOrString ports (targetPort, probe ports). */
export function validatePortNumOrName(port: IntOrString | undefined, field: string): Errors {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalidErr(field, port, m));
  if (typeof port === 'string') {
    if (port === '') return [required(field)];
    return isValidPortName(port).map((m) => invalidErr(field, port, m));
  }
  return [invalidErr(field, port, 'must contain an int or string')];
}

export const QUANTITY_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** A quantity's value, or a field error when it does not parse or is negative. */
export function validateQuantity(q: unknown, field: string): Errors {
  const v = typeof q === 'number' || typeof q === 'string' ? parseQuantity(q) : undefined;
  if (v === undefined) return [invalidErr(field, q, QUANTITY_MESSAGE)];
  if (v < 0) return [invalidErr(field, String(q), NONNEGATIVE)];
  return [];
}

/** A percentage's integer value ("25%" -> 25), or undefined when it is not a percent string. */
export function percentValue(v: IntOrString | undefined): number | undefined {
  if (typeof v !== 'string' || !v.endsWith('%')) return undefined;
  const n = Number(v.slice(0, -1));
  return Number.isInteger(n) ? n : undefined;
}

/** ValidatePositiveIntOrPercent (apps validation). */
export function validatePositiveIntOrPercent(v: IntOrString | undefined, field: string): Errors {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalidErr(field, v, m, goIntOrString(v)));
  if (typeof v === 'number') return v < 0 ? [invalidErr(field, v, NONNEGATIVE)] : [];
  if (v === undefined) return [];
  return [invalidErr(field, v, "must be an integer or percentage (e.g '5%')")];
}

/**
 * Image references as the kubelet's image manager checks them before a pull (applyDefaultImageTag over
 * distribution/reference's ParseNormalizedNamed): a reference that does not parse leaves the container
 * waiting in InvalidImageName with the kubelet's message, e.g. for a placeholder left in a manifest.
 */

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);
const HEX64 = /^[a-f0-9]{64}$/;
const NAME_MAX = 255;

/** splitDockerDomain: the registry and the path in it ("library/" added for Docker Hub's official images). */
function splitDomain(name: string): { domain: string; remainder: string } {
  const i = name.indexOf('/');
  const first = i < 0 ? '' : name.slice(0, i);
  if (i < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    return { domain: 'docker.io', remainder: name.includes('/') ? name : `library/${name}` };
  }
  const remainder = name.slice(i + 1);
  return {
    domain: first,
    remainder: first === 'docker.io' && !remainder.includes('/') ? `library/${remainder}` : remainder,
  };
}

/** The reference parser's error for `image`, or undefined when it parses. */
export function imageReferenceError(image: string): string | undefined {
  if (HEX64.test(image))
    return `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`;
  const { domain, remainder } = splitDomain(image);
  const colon = remainder.indexOf(':');
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote)
    return `invalid reference format: repository name (${remote}) must be lowercase`;
  const m = REFERENCE.exec(`${domain}/${remainder}`);
  if (!image || !m) return 'invalid reference format';
  if ((m[1] ?? '').length > NAME_MAX) return `repository name must not be more than ${NAME_MAX} characters`;
  return undefined;
}

/** The kubelet's message for an image it cannot use (InspectFailed event, InvalidImageName waiting message). */
export function invalidImageMessage(image: string): string | undefined {
  const err = imageReferenceError(image);
  if (err === undefined) return undefined;
  return `Failed to apply default image tag ${JSON.stringify(image)}: couldn't parse image name ${JSON.stringify(image)}: ${err}`;
}

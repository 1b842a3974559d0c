// EndpointSlices written by hand for a Service without a selector whose backend is a list of IP
// addresses (ServiceBackend.fromAddresses). The rules are those of kube-apiserver's EndpointSlice
// validation (pkg/apis/discovery/validation/validation.go): an addressType per slice, at most
// 1,000 endpoints per slice, endpoint IPs valid for the address type and not special
// (ValidateEndpointIP; IPv6 in canonical form from 1.33, which validates it with IsValidIP), port
// names DNS-1123 labels and unique. The slices carry the label kubernetes.io/service-name, which
// ties them to the Service, and a managed-by label other than the endpointslice controller's.
import { ApiObject, ApiObjectProps, Lazy } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PortRecord } from './port-checks';
import { ClusterSettings } from '../core/cluster-settings';
import { fail, problem } from '../core/errors';
import { nonStandardIpForm, parseIp, specialIpReason } from '../core/ip';
import { minorText, SINCE } from '../core/k8s-version';

/** kube-apiserver's maxEndpoints for one EndpointSlice. */
export const MAX_ENDPOINTS_PER_SLICE = 1000;
/** the value of endpointslice.kubernetes.io/managed-by on the slices the library writes */
export const MANAGED_BY = 'cdk8s-services';

/** What the slices need to know of their Service. */
export interface SliceOwner extends IConstruct {
  readonly name: string;
  /** the Service's ports, read when the slices are rendered */
  readonly _portRecords: readonly PortRecord[];
}

/**
 * Checks the addresses (E1) and writes one EndpointSlice per address family and per 1,000
 * endpoints, below the Service construct. Returns them.
 */
export function addEndpointSlices(
  service: SliceOwner, namespace: string | undefined, addresses: readonly string[], ipFamilies: readonly string[] | undefined, dualStack: boolean,
): ApiObject[] {
  const settings = ClusterSettings._of(service);
  const minor = settings.kubernetesMinor;
  const byFamily: Record<'IPv4' | 'IPv6', string[]> = { IPv4: [], IPv6: [] };
  const seen = new Map<string, number>();
  addresses.forEach((text, i) => {
    const field = `backend.addresses[${i}]`;
    const ip = typeof text === 'string' ? parseIp(text) : undefined;
    if (!ip) fail(service, problem('E1', field, text, 'an IPv4 or IPv6 address'));
    const special = specialIpReason(ip);
    if (special) fail(service, problem('E1', field, text, `an address that is not ${special}: EndpointSlices take no unspecified, loopback or link-local address`));
    const standard = nonStandardIpForm(text);
    if (ip.family === 6 && standard !== undefined && minor >= SINCE.ipFormWarnings) {
      fail(service, problem('E1', field, text, `the canonical form ${JSON.stringify(standard)}: kube-apiserver ${minorText(minor)} accepts IPv6 endpoint addresses in canonical form only`));
    }
    const key = `${ip.family}/${ip.value}`;
    const twice = seen.get(key);
    if (twice !== undefined) fail(service, problem('E1', field, text, `an address not listed before (backend.addresses[${twice}] is the same address)`));
    seen.set(key, i);
    byFamily[ip.family === 4 ? 'IPv4' : 'IPv6'].push(text);
  });
  // a Service uses the EndpointSlices of its own families only (kube-proxy, the endpointslice
  // mirroring): addresses of another family would be written and never used
  const primary = ipFamilies?.[0] ?? (settings.serviceCidrs?.[0] ? (settings.serviceCidrs[0].family === 4 ? 'IPv4' : 'IPv6') : undefined);
  const serves = (family: string) => dualStack
    ? (ipFamilies === undefined || ipFamilies.length < 2 || ipFamilies.includes(family))
    : (primary === undefined || primary === family);
  const families = (['IPv4', 'IPv6'] as const).filter(f => byFamily[f].length > 0);
  if (!dualStack && families.length === 2) {
    fail(service, problem('E1', 'backend.addresses', addresses, 'addresses of one family, or a dual-stack Service (ipFamilyPolicy PreferDualStack or RequireDualStack): a single-stack Service uses the endpoints of its own family only'));
  }
  for (const f of families) {
    if (!serves(f)) {
      fail(service, problem('E1', 'backend.addresses', addresses, `addresses of the Service's family (${primary}): its ${f} endpoints would never be used`));
    }
  }
  const slices: ApiObject[] = [];
  for (const family of ['IPv4', 'IPv6'] as const) {
    const list = byFamily[family];
    for (let start = 0, n = 0; start < list.length; start += MAX_ENDPOINTS_PER_SLICE, n++) {
      const chunk = list.slice(start, start + MAX_ENDPOINTS_PER_SLICE);
      const suffix = `${family.toLowerCase()}${n > 0 ? `-${n}` : ''}`;
      slices.push(new ApiObject(service, `endpoints-${suffix}`, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${service.name}-${suffix}`,
          namespace,
          labels: { 'kubernetes.io/service-name': service.name, 'endpointslice.kubernetes.io/managed-by': MANAGED_BY },
        },
        addressType: family,
        endpoints: chunk.map(a => ({ addresses: [a] })),
        ports: Lazy.any({ produce: () => slicePorts(service._portRecords) }),
      } as ApiObjectProps));
    }
  }
  return slices;
}

/** The Service's ports as endpoint ports: same name and protocol, the target port's number. */
function slicePorts(ports: readonly PortRecord[]): object[] | undefined {
  if (ports.length === 0) return undefined;
  return ports.map(p => {
    const out: Record<string, unknown> = { name: p.name ?? '', protocol: p.protocol, port: p.targetPort?.portNumber ?? p.port };
    if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
    return out;
  });
}

/** E2: each target port of a Service with an address backend is a number (no pod names its ports). */
export function checkAddressBackendPorts(ports: readonly PortRecord[], errors: string[]): void {
  ports.forEach((p, i) => {
    const name = p.targetPort?.portName;
    if (name !== undefined) {
      errors.push(problem('E2', `spec.ports[${i}].targetPort`, name,
        'a port number: the backend is a list of addresses, no container names its ports (the EndpointSlice needs the number)'));
    }
  });
}

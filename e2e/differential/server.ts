// The server's verdict on a case: each Service created for real (`kubectl create` with
// fieldValidation=Strict, so the allocators and unknown-field checks run too), in order, until
// one is refused; then every created one is deleted again. The reason is the field of each
// cause the server gives.
import * as ipaddr from 'ipaddr.js';
import { RawService } from './base';
import { ApiServer } from '../apiserver/server';

export interface ServerVerdict {
  readonly ok: boolean;
  readonly status: number;
  readonly message?: string;
  /** causes[].field of the refusal (for a strict-decoding refusal: the unknown or duplicate field) */
  readonly fields: string[];
}

const SERVICES = '/api/v1/namespaces/default/services';

/**
 * Every case starts with the cluster IPs it pins free. One CI run saw a case refused with
 * "provided IP is already allocated" for an IP no Service of that case held (an earlier case's
 * allocation, not yet released); a probe of create, refused create and delete here showed the
 * IPAddress objects released at once, so the cause is not known. The generator draws no pinned IP
 * twice, and before a case this deletes any IPAddress it pins whose Service no longer exists, as
 * the apiserver's repair loop would, or the Service of an earlier case that holds it.
 */
export const staleIps = { freed: 0, leftoverServices: 0 };

async function freeStaleIps(server: ApiServer, services: RawService[]): Promise<void> {
  const pinned = services.flatMap(s => [s.spec?.clusterIP, ...(Array.isArray(s.spec?.clusterIPs) ? s.spec.clusterIPs : [])]);
  for (const ip of new Set(pinned.filter((x): x is string => typeof x === 'string' && ipaddr.isValid(x)))) {
    const name = ipaddr.parse(ip).toString();
    const held = await server.request('GET', `/apis/networking.k8s.io/v1/ipaddresses/${encodeURIComponent(name)}`);
    if (held.status !== 200) continue;
    const ref = held.body?.spec?.parentRef ?? {};
    const service = `/api/v1/namespaces/${ref.namespace}/services/${encodeURIComponent(ref.name)}`;
    const owner = await server.request('GET', service);
    if (owner.status === 200 && ref.namespace === 'default' && ref.name !== 'kubernetes') {
      // a Service of an earlier case still there: every case deletes what it created
      const del = await server.request('DELETE', service);
      if (del.status < 300) staleIps.leftoverServices++;
    } else if (owner.status === 404) {
      const del = await server.request('DELETE', `/apis/networking.k8s.io/v1/ipaddresses/${encodeURIComponent(name)}`);
      if (del.status < 300) staleIps.freed++;
    }
  }
}

export async function serverVerdict(server: ApiServer, services: RawService[]): Promise<ServerVerdict> {
  await freeStaleIps(server, services);
  const created: string[] = [];
  let verdict: ServerVerdict = { ok: true, status: 201, fields: [] };
  for (const svc of services) {
    const res = await server.request('POST', `${SERVICES}?fieldValidation=Strict`, svc);
    const message = String(res.body?.message ?? JSON.stringify(res.body));
    // kube-apiserver 1.35 answers a health-check node port outside the range with a 500 from its
    // allocator (after validation passed): a refusal, whose field only the message names
    const healthCheckAllocation = res.status === 500 && res.body?.reason === 'InternalError'
      && /^Internal error occurred: failed to allocate requested HealthCheck NodePort /.test(message);
    if ((res.status >= 500 && !healthCheckAllocation) || res.status === 0) throw new Error(`server error ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.status >= 300) {
      const causes: Array<{ field?: string }> = res.body?.details?.causes ?? [];
      const fields = causes.map(c => c.field).filter((f): f is string => !!f);
      // a strict-decoding refusal (400) names the field only in its message
      for (const m of message.matchAll(/(?:unknown|duplicate) field "([^"]+)"/g)) fields.push(m[1]);
      if (healthCheckAllocation) fields.push('spec.healthCheckNodePort');
      verdict = { ok: false, status: res.status, message, fields };
      break;
    }
    created.push(res.body.metadata.name);
  }
  for (const name of created) {
    const del = await server.request('DELETE', `${SERVICES}/${encodeURIComponent(name)}`);
    if (del.status >= 300) throw new Error(`cannot delete Service ${name}: ${del.status} ${JSON.stringify(del.body)}`);
  }
  return verdict;
}

/** `spec.ports[0].port`, `spec.selector["app"]`, `metadata.annotations key` -> path segments */
function segments(field: string): string[] {
  return field
    .replace(/ key$/, '')
    .replace(/\["([^"]*)"\]/g, '.$1')
    .replace(/\[([^\]]*)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    // one IP field in two shapes: clusterIP is clusterIPs[0]; the server writes
    // spec.LoadBalancerSourceRanges with a capital L
    .map(s => (s === 'clusterIP' ? 'clusterIPs' : s).toLowerCase());
}

function startsWith(a: string[], b: string[]): boolean {
  return b.length <= a.length && b.every((s, i) => a[i] === s);
}

/**
 * The library's field names the same thing as the server's: one path is a prefix of the other
 * (`spec.ports[1]` and `spec.ports[1].port`); a path the library gives without its root
 * (`targetPort`, from a value class) matches the end of the server's.
 */
export function sameField(library: string, server: string): boolean {
  const l = segments(library);
  const s = segments(server);
  if (l[0] === 'spec' || l[0] === 'metadata') return startsWith(l, s) || startsWith(s, l);
  for (let i = 0; i + l.length <= s.length; i++) if (l.every((seg, j) => s[i + j] === seg)) return true;
  return false;
}

// The server's verdict on a case: each Service created for real (`kubectl create` with
// fieldValidation=Strict, so the allocators and unknown-field checks run too), in order, until
// one is refused; then every created one is deleted again. The reason is the field of each
// cause the server gives.
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

export async function serverVerdict(server: ApiServer, services: RawService[]): Promise<ServerVerdict> {
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

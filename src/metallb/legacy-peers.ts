// The peers of the legacy MetalLB configuration and their node selectors, read into plain data.
import { Bfd, CRD_PEER_PORT_MAX, DEFAULT_HOLD_SECONDS, Peer, PEER_KEYS, REQUIREMENT_KEYS, Selector, SELECTOR_KEYS, UINT16_MAX, UINT32_MAX } from './legacy-read';
import { durationText, parseGoDuration, toWholeSeconds } from './legacy-values';
import { Reader } from './legacy-yaml';
import { formatIp, parseIp } from '../core/ip';
import { labelValue, qualifiedName } from '../core/syntax';

export function parseSelector(r: Reader, node: unknown, where: string): Selector | undefined {
  const f = r.fields(node, where, SELECTOR_KEYS, 'field');
  if (!f) return undefined;
  const matchLabels = r.stringMap(f.get('match-labels'), `${where}: match-labels`);
  for (const [k, v] of matchLabels) {
    const kerr = qualifiedName(k);
    if (kerr) r.problems.add(where, `match-labels key "${k}": expected ${kerr}`);
    const verr = labelValue(v);
    if (verr) r.problems.add(where, `match-labels "${k}" value "${v}": expected ${verr}`);
  }
  const matchExpressions: Selector['matchExpressions'] = [];
  const seenExpr = new Set<string>();
  r.seq(f.get('match-expressions'), where, 'match-expressions').forEach((e, i) => {
    const ew = `${where}: match-expressions[${i}]`;
    const ef = r.fields(e, ew, REQUIREMENT_KEYS, 'field');
    if (!ef) return;
    const key = r.str(ef.get('key'), ew, 'key') ?? '';
    const operator = r.str(ef.get('operator'), ew, 'operator') ?? '';
    const values = r.stringList(ef.get('values'), ew, 'values');
    const kerr = qualifiedName(key);
    if (kerr) r.problems.add(ew, `key "${key}": expected ${kerr}`);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) r.problems.add(ew, `values: operator ${operator} needs at least one value`);
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) r.problems.add(ew, `values: operator ${operator} takes no values`);
    } else {
      r.problems.add(ew, `operator "${operator}": must be In, NotIn, Exists or DoesNotExist`);
    }
    const seenValues = new Set<string>();
    for (const v of values) {
      const verr = labelValue(v);
      if (verr) r.problems.add(ew, `value "${v}": expected ${verr}`);
      if (seenValues.has(v)) r.problems.add(ew, `value "${v}" is listed twice (MetalLB v0.13+ rejects duplicates)`);
      seenValues.add(v);
    }
    const id = JSON.stringify([key, operator, [...values].sort()]);
    if (seenExpr.has(id)) r.problems.add(ew, 'duplicate match expression (MetalLB v0.13+ rejects duplicates)');
    seenExpr.add(id);
    matchExpressions.push({ key, operator, values });
  });
  return { matchLabels, matchExpressions };
}

export function selectorId(s: Selector): string {
  const labels = [...s.matchLabels.entries()].sort();
  const exprs = s.matchExpressions.map((e) => JSON.stringify([e.key, e.operator, [...e.values].sort()])).sort();
  return JSON.stringify([labels, exprs]);
}

export function parsePeers(r: Reader, node: unknown, bfds: Bfd[]): Peer[] {
  const out: Peer[] = [];
  const seen = new Map<string, string>();
  r.seq(node, '', 'peers').forEach((item, i) => {
    const base = `peers[${i}]`;
    const peeked = r.peek(item, 'peer-address');
    const f = r.fields(item, peeked ? `${base} (${peeked})` : base, PEER_KEYS, 'field');
    if (!f) return;
    const peerAddress = r.str(f.get('peer-address'), base, 'peer-address');
    const label = peerAddress ? `${base} (${peerAddress})` : base;

    const myAsn = r.int(f.get('my-asn'), label, 'my-asn', 0, UINT32_MAX);
    const peerAsn = r.int(f.get('peer-asn'), label, 'peer-asn', 0, UINT32_MAX);
    if (!myAsn && r.isNull(f.get('my-asn'))) r.problems.add(label, 'my-asn: missing');
    else if (myAsn === 0) r.problems.add(label, 'my-asn: must not be 0');
    if (!peerAsn && r.isNull(f.get('peer-asn'))) r.problems.add(label, 'peer-asn: missing');
    else if (peerAsn === 0) r.problems.add(label, 'peer-asn: must not be 0');

    if (!peerAddress) r.problems.add(label, 'peer-address: missing');
    else if (!parseIp(peerAddress)) r.problems.add(label, `peer-address "${peerAddress}": not a valid IP address`);

    const sourceAddress = r.str(f.get('source-address'), label, 'source-address');
    if (sourceAddress && !parseIp(sourceAddress)) r.problems.add(label, `source-address "${sourceAddress}": not a valid IP address`);
    const routerId = r.str(f.get('router-id'), label, 'router-id');
    if (routerId && !parseIp(routerId)) r.problems.add(label, `router-id "${routerId}": not a valid IP address`);

    const peerPort = r.int(f.get('peer-port'), label, 'peer-port', 0, UINT16_MAX);
    if (peerPort !== undefined && peerPort > CRD_PEER_PORT_MAX) {
      r.problems.add(label, `peer-port ${peerPort}: the v0.13+ BGPPeer resource accepts 1..${CRD_PEER_PORT_MAX}`);
    }

    let holdSeconds = DEFAULT_HOLD_SECONDS;
    const holdText = r.str(f.get('hold-time'), label, 'hold-time');
    if (holdText !== undefined && holdText !== '') {
      const ns = parseGoDuration(holdText);
      if (ns === undefined) {
        r.problems.add(label, `hold-time "${holdText}": not a duration (e.g. 90s, 1m30s)`);
      } else {
        holdSeconds = toWholeSeconds(ns);
        if (holdSeconds !== 0 && holdSeconds < 3) r.problems.add(label, `hold-time "${holdText}": must be 0 or at least 3s`);
      }
    }
    let keepaliveSeconds: number | undefined;
    const keepaliveText = r.str(f.get('keepalive-time'), label, 'keepalive-time');
    if (keepaliveText !== undefined && keepaliveText !== '') {
      const ns = parseGoDuration(keepaliveText);
      if (ns === undefined) {
        r.problems.add(label, `keepalive-time "${keepaliveText}": not a duration (e.g. 30s)`);
      } else {
        keepaliveSeconds = toWholeSeconds(ns);
        if (keepaliveSeconds < 0) {
          r.problems.add(label, `keepalive-time "${keepaliveText}": must not be negative`);
        } else if (keepaliveSeconds > holdSeconds) {
          r.problems.add(label, `keepalive-time "${keepaliveText}": longer than the hold time ${durationText(holdSeconds)}`);
        }
      }
    }

    const nodeSelectors: Selector[] = [];
    const seenSel = new Set<string>();
    r.seq(f.get('node-selectors'), label, 'node-selectors').forEach((s, j) => {
      const sw = `${label}: node-selectors[${j}]`;
      const sel = parseSelector(r, s, sw);
      if (!sel) return;
      const id = selectorId(sel);
      if (seenSel.has(id)) r.problems.add(sw, 'duplicate node selector (MetalLB v0.13+ rejects duplicates)');
      seenSel.add(id);
      nodeSelectors.push(sel);
    });

    const password = r.str(f.get('password'), label, 'password');
    if (password && /[\r\n]/.test(password)) r.problems.add(label, 'password: must not contain line breaks');
    const vrf = r.str(f.get('vrf'), label, 'vrf');
    if (vrf && /[\r\n]/.test(vrf)) r.problems.add(label, 'vrf: must not contain line breaks');

    const bfdProfile = r.str(f.get('bfd-profile'), label, 'bfd-profile');
    if (bfdProfile && !bfds.some((b) => b.name === bfdProfile)) {
      r.problems.add(label, `bfd-profile "${bfdProfile}": no such profile in bfd-profiles`);
    }

    const ebgpMultiHop = r.bool(f.get('ebgp-multihop'), label, 'ebgp-multihop');
    if (ebgpMultiHop && myAsn !== undefined && myAsn === peerAsn) {
      r.problems.add(label, `ebgp-multihop: not allowed for an iBGP peer (my-asn ${myAsn} equals peer-asn)`);
    }

    const peer: Peer = {
      label,
      myAsn,
      peerAsn,
      peerAddress,
      sourceAddress,
      peerPort,
      holdSeconds,
      keepaliveSeconds,
      routerId,
      nodeSelectors,
      password,
      bfdProfile,
      ebgpMultiHop,
      vrf,
    };
    // MetalLB rejects a peer equal (after defaults) to an earlier one; it compares parsed IPs
    // (net.ParseIP, so an IPv4-mapped address equals its IPv4 address).
    const norm = (ip?: string) => {
      const parsed = ip ? parseIp(ip) : undefined;
      return parsed ? formatIp(parsed.family, parsed.value) : (ip ?? '');
    };
    const id = JSON.stringify([
      myAsn, peerAsn, norm(peerAddress), norm(sourceAddress), peerPort || 179, holdSeconds,
      keepaliveSeconds ?? Math.floor(holdSeconds / 3), norm(routerId),
      nodeSelectors.map(selectorId).sort(), password ?? '', bfdProfile ?? '', !!ebgpMultiHop, vrf ?? '',
    ]);
    const first = seen.get(id);
    if (first) r.problems.add(label, `duplicate of ${first}`);
    else seen.set(id, label);
    out.push(peer);
  });
  return out;
}

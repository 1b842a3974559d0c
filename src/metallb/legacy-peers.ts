// The peers of the legacy MetalLB configuration and their node selectors, read into plain data.
// Only the format is checked here (types, unknown fields, durations); what the values mean is
// checked by MetalLbBgpPeer and the app-wide checks the configuration is built into.
import { DEFAULT_HOLD_SECONDS, Peer, PEER_KEYS, REQUIREMENT_KEYS, Selector, SELECTOR_KEYS, UINT16_MAX, UINT32_MAX } from './legacy-read';
import { parseGoDuration, toWholeSeconds } from './legacy-values';
import { Reader } from './legacy-yaml';

export function parseSelector(r: Reader, node: unknown, where: string): Selector | undefined {
  const f = r.fields(node, where, SELECTOR_KEYS, 'field');
  if (!f) return undefined;
  const matchLabels = r.stringMap(f.get('match-labels'), `${where}: match-labels`);
  const matchExpressions: Selector['matchExpressions'] = [];
  r.seq(f.get('match-expressions'), where, 'match-expressions').forEach((e, i) => {
    const ew = `${where}: match-expressions[${i}]`;
    const ef = r.fields(e, ew, REQUIREMENT_KEYS, 'field');
    if (!ef) return;
    const key = r.str(ef.get('key'), ew, 'key') ?? '';
    const operator = r.str(ef.get('operator'), ew, 'operator') ?? '';
    const values = r.stringList(ef.get('values'), ew, 'values');
    matchExpressions.push({ key, operator, values });
  });
  return { matchLabels, matchExpressions };
}

/**
 * A duration field in whole seconds (v0.12.1 internal/config/config.go parseHoldTime and
 * parseKeepaliveTime: time.ParseDuration, truncated to seconds). A negative duration is refused
 * here: MetalLB refuses it ("must be 0 or >=3s" for the hold time, "invalid keepaliveTime"), and
 * the library's Duration cannot hold one.
 */
function seconds(r: Reader, node: unknown, label: string, field: string): number | undefined {
  const text = r.str(node, label, field);
  if (text === undefined || text === '') return undefined;
  const ns = parseGoDuration(text);
  if (ns === undefined) {
    r.problems.add(label, `${field} "${text}": not a duration (e.g. 90s, 1m30s)`);
    return undefined;
  }
  const s = toWholeSeconds(ns);
  if (s < 0) {
    r.problems.add(label, `${field} "${text}": must not be negative`);
    return undefined;
  }
  return s;
}

export function parsePeers(r: Reader, node: unknown): Peer[] {
  const out: Peer[] = [];
  r.seq(node, '', 'peers').forEach((item, i) => {
    const base = `peers[${i}]`;
    const peeked = r.peek(item, 'peer-address');
    const f = r.fields(item, peeked ? `${base} (${peeked})` : base, PEER_KEYS, 'field');
    if (!f) return;
    const peerAddress = r.str(f.get('peer-address'), base, 'peer-address');
    const label = peerAddress ? `${base} (${peerAddress})` : base;

    const nodeSelectors: Selector[] = [];
    r.seq(f.get('node-selectors'), label, 'node-selectors').forEach((s, j) => {
      const sel = parseSelector(r, s, `${label}: node-selectors[${j}]`);
      if (sel) nodeSelectors.push(sel);
    });

    out.push({
      label,
      myAsn: r.int(f.get('my-asn'), label, 'my-asn', 0, UINT32_MAX),
      peerAsn: r.int(f.get('peer-asn'), label, 'peer-asn', 0, UINT32_MAX),
      peerAddress,
      sourceAddress: r.str(f.get('source-address'), label, 'source-address'),
      peerPort: r.int(f.get('peer-port'), label, 'peer-port', 0, UINT16_MAX),
      holdSeconds: seconds(r, f.get('hold-time'), label, 'hold-time') ?? DEFAULT_HOLD_SECONDS,
      keepaliveSeconds: seconds(r, f.get('keepalive-time'), label, 'keepalive-time'),
      routerId: r.str(f.get('router-id'), label, 'router-id'),
      nodeSelectors,
      password: r.str(f.get('password'), label, 'password'),
      bfdProfile: r.str(f.get('bfd-profile'), label, 'bfd-profile'),
      ebgpMultiHop: r.bool(f.get('ebgp-multihop'), label, 'ebgp-multihop'),
    });
  });
  return out;
}

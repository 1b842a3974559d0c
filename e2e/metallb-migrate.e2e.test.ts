// The ConfigMap migration judged by MetalLB itself. Generated legacy configurations (fast-check,
// fixed seed) and MetalLB's own converter test data go three ways:
//   - the v0.12.1 controller reads the ConfigMap (does the cluster run it?);
//   - MetalLB's converter, configmaptocrs v0.15.2 (built from the Go module), converts it, and the
//     v0.15.2 webhook (FRR mode) judges the resources it writes;
//   - `MetalLbMigration.fromConfig` (target 0.15.2 in FRR mode, as the judge) converts it.
// The migration must refuse what v0.12.1 refuses, and what it writes must pass the webhook (so it
// refuses what the webhook refuses of the same resources); it must accept what MetalLB converts
// and accepts (a refusal is explained only by an entry of src/core/stricter-metallb.ts, rule id
// + a predicate on the input) and then write what the converter writes (same meaning: kinds,
// names of pools and BFD profiles, specs). Where the converter itself fails (a name it cannot
// rename), the migration may still convert, under the same two conditions. Then the article's
// Service keeps its address across the migration.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { ApiServer, applyManifest, KubeObject, resolveResource, resourcePath } from './apiserver/server';
import {
  buildMetalLb, loadBalancerIps, METALLB_CRS, METALLB_LEGACY, MetalLbController, startMetalLbCluster, startMetalLbController,
} from './metallb/controller';
import { ruleIds } from './metallb-differential/library';
import { caseToLegacyConfig, legacyVerdict, MetalLbVerdict, webhookVerdict } from './metallb-differential/mlb';
import { caseArbitrary } from './metallb-differential/model';
import { synthToFiles } from './util';
import { buildArticleApp } from '../examples/article';
import { explainStricterThanMetalLb } from '../src/core/stricter-metallb';
import { MetalLbBgpType } from '../src/metallb/metallb';
import { MetalLbMigration } from '../src/metallb/migrate';
import { meaning } from '../test/metallb/manifest-meaning';

const SEED = Number(process.env.METALLB_MIGRATE_SEED ?? 12);
const CASES = Number(process.env.METALLB_MIGRATE_CASES ?? 300);
const TARGET = METALLB_CRS.replace(/^v/, '');
const FIXTURES = path.join(__dirname, '..', 'test', 'metallb', 'fixtures');
const CREATE_ORDER = ['BFDProfile', 'Community', 'IPAddressPool', 'BGPPeer', 'L2Advertisement', 'BGPAdvertisement'];
const byCreateOrder = (objects: any[]) => [...objects].sort((a, b) => CREATE_ORDER.indexOf(a.kind) - CREATE_ORDER.indexOf(b.kind));

let server: ApiServer;

beforeAll(async () => {
  server = await startMetalLbCluster();
});

afterAll(async () => {
  await server?.stop();
});

/** configmaptocrs reads its input below /var/input only (readConfig: "unsafe path"). */
const INPUT_ROOT = '/var/input';

interface Converted {
  ok: boolean;
  objects: any[];
  error?: string;
}

/** MetalLB's own converter on bare `config` data (it logs a failure and still exits 0). */
function configmaptocrs(bin: string, config: string): Converted {
  fs.mkdirSync(INPUT_ROOT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(INPUT_ROOT, 'cdk8s-services-'));
  try {
    fs.writeFileSync(path.join(dir, 'config.yaml'), config);
    const r = spawnSync(bin, ['-only-data', '-stdout', '-source', `${path.basename(dir)}/config.yaml`], { encoding: 'utf8' });
    const failed = /failed to generate resources: (.*)/.exec(r.stderr ?? '');
    if (r.status !== 0 || failed) return { ok: false, objects: [], error: failed?.[1] ?? `exit ${r.status}: ${r.stderr}` };
    return { ok: true, objects: YAML.parseAllDocuments(r.stdout).map(d => d.toJS()).filter(o => o && typeof o === 'object') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Outcome {
  name: string;
  config: string;
  legacy: MetalLbVerdict;
  converter: Converted;
  /** the webhook's verdict on the converter's resources */
  converterWebhook?: MetalLbVerdict;
  migration: { ok: boolean; objects: any[]; error?: string };
  /** the webhook's verdict on the migration's resources */
  migrationWebhook?: MetalLbVerdict;
  explainedBy?: string;
}

function migrate(config: string): Outcome['migration'] {
  try {
    return { ok: true, objects: MetalLbMigration.fromConfig(config, { targetVersion: TARGET, bgpType: MetalLbBgpType.FRR }) };
  } catch (e) {
    return { ok: false, objects: [], error: (e as Error).message };
  }
}

/** Why the outcome is a disagreement, or undefined. */
function disagreement(o: Outcome): string | undefined {
  const metallbAccepts = o.legacy.accepted && o.converter.ok && o.converterWebhook?.accepted === true;
  if (o.migration.ok) {
    if (!o.legacy.accepted) return 'the migration accepts a ConfigMap MetalLB v0.12.1 refuses';
    if (o.migrationWebhook && !o.migrationWebhook.accepted) return 'the webhook refuses the migrated resources';
    if (o.converter.ok && o.converterWebhook?.accepted && JSON.stringify(meaning(o.migration.objects)) !== JSON.stringify(meaning(o.converter.objects))) {
      return 'the migration writes other resources than configmaptocrs';
    }
    return undefined;
  }
  if (metallbAccepts) return o.explainedBy ? undefined : 'the migration refuses what MetalLB converts and accepts';
  return undefined;
}

function explain(o: Outcome): void {
  if (o.migration.ok || !o.migration.error) return;
  const input = { format: 'configmap', objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' }, data: { config: o.config } }] };
  const why = ruleIds(o.migration.error).map(r => explainStricterThanMetalLb(r, input)?.id);
  if (why.every(w => w !== undefined)) o.explainedBy = [...new Set(why)].join(', ');
}

test(`metallb migration differential: ${CASES} generated ConfigMaps and MetalLB's converter test data, seed ${SEED}`, async () => {
  const converterBin = buildMetalLb(METALLB_CRS, 'configmaptocrs');
  const generated = fc.sample(caseArbitrary('configmap'), { seed: SEED, numRuns: CASES })
    .map((c, i) => ({ name: `generated #${i}`, config: caseToLegacyConfig(c) }));
  const fromMetalLb = ['config-yaml-address-pools.yaml', 'config-yaml-communities.yaml', 'config-yaml-peers.yaml', 'example-layer2-config.yaml']
    .map(f => ({ name: f, config: YAML.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')).data.config as string }));
  const inputs = [...fromMetalLb, ...generated];

  const outcomes: Outcome[] = inputs.map(({ name, config }) => ({
    name, config, legacy: { accepted: false }, converter: configmaptocrs(converterBin, config), migration: migrate(config),
  }));

  const legacy = await startMetalLbController(server, METALLB_LEGACY);
  try {
    for (const o of outcomes) o.legacy = await legacyVerdict(server, legacy, o.config);
  } finally {
    await legacy.stop();
  }
  const cr = await startMetalLbController(server, METALLB_CRS, { bgpType: 'frr' });
  try {
    for (const o of outcomes) {
      if (o.converter.ok) o.converterWebhook = await webhookVerdict(server, byCreateOrder(o.converter.objects));
      if (o.migration.ok) o.migrationWebhook = await webhookVerdict(server, byCreateOrder(o.migration.objects));
      explain(o);
    }
  } finally {
    await cr.stop();
  }

  const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
  process.stdout.write(`metallb migration: ${count(o => o.legacy.accepted)} of ${outcomes.length} read by MetalLB ${METALLB_LEGACY}, `
    + `${count(o => o.converter.ok && o.converterWebhook?.accepted === true)} converted by configmaptocrs ${METALLB_CRS} and accepted by its webhook, `
    + `${count(o => o.migration.ok)} migrated, ${count(o => o.explainedBy !== undefined)} refusals explained by stricter rules\n`);
  const bad = outcomes.filter(o => disagreement(o) !== undefined);
  for (const o of bad.slice(0, 10)) {
    process.stdout.write(`  DISAGREEMENT (${disagreement(o)}) ${o.name}\n${o.config}\n    v0.12.1: ${o.legacy.accepted ? 'accepts' : o.legacy.message}\n`
      + `    configmaptocrs: ${o.converter.ok ? `ok, webhook ${o.converterWebhook?.accepted ? 'accepts' : o.converterWebhook?.message}` : o.converter.error}\n`
      + `    migration: ${o.migration.ok ? `ok, webhook ${o.migrationWebhook?.accepted ? 'accepts' : o.migrationWebhook?.message}` : o.migration.error}\n`);
  }
  process.stdout.write(`metallb migration differential: ${outcomes.length} cases, ${bad.length} unexplained disagreements\n`);
  // the comparison is not vacuous: MetalLB's test data (but config-yaml-peers.yaml, whose peers
  // have different router IDs, which FRR mode refuses) and a share of the generated cases migrate
  expect(outcomes.slice(0, fromMetalLb.length).map(o => [o.name, o.migration.ok])).toEqual([
    ['config-yaml-address-pools.yaml', true], ['config-yaml-communities.yaml', true], ['config-yaml-peers.yaml', false], ['example-layer2-config.yaml', true],
  ]);
  expect(outcomes[2].migration.error).toContain('M19 routerId');
  expect(count(o => o.migration.ok)).toBeGreaterThan(CASES / 10);
  expect(bad.length).toBe(0);
});

test('the article\'s Service keeps 192.168.124.200 when MetalLB v0.12.1\'s ConfigMap is migrated to v0.15.2\'s resources', async () => {
  const files = synthToFiles(app => buildArticleApp(app, { metalLbLegacyVersion: METALLB_LEGACY, metalLbVersion: METALLB_CRS }));
  const configMap = files['metallb-layer2-config.k8s.yaml'];
  const service = files['k8sdemo-service-loadbalancer.k8s.yaml'];
  const apply = async (objects: KubeObject[]) => {
    for (const o of objects) await applyManifest(server, o, { mode: 'apply' });
  };

  const legacy = await startMetalLbController(server, METALLB_LEGACY);
  let before: string[];
  try {
    await apply(configMap);
    await apply(service);
    before = await loadBalancerIps(server, 'k8sdemo-service');
  } finally {
    await legacy.stop();
  }
  expect(before).toEqual(['192.168.124.200']);

  // what `metallb-migrate` does with the ConfigMap the cluster ran
  const text = YAML.stringify(configMap[0]);
  const migrated = MetalLbMigration.fromConfigMapYaml(text, { targetVersion: TARGET });
  expect(migrated.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['IPAddressPool/default', 'L2Advertisement/default-l2']);

  const info = await resolveResource(server, 'v1', 'ConfigMap');
  await server.request('DELETE', resourcePath(info, 'metallb-system', 'config'));
  const cr: MetalLbController = await startMetalLbController(server, METALLB_CRS);
  try {
    await apply(migrated); // through the webhook
    // a Service created after the migration gets its address from the migrated pool too
    const again = service.map(o => ({ ...o, metadata: { ...o.metadata, name: 'k8sdemo-service-2' } }));
    await apply(again);
    const after = await loadBalancerIps(server, 'k8sdemo-service');
    const second = await loadBalancerIps(server, 'k8sdemo-service-2');
    expect(after).toEqual(before);
    expect(second).toEqual(['192.168.124.201']);
    process.stdout.write(`metallb migrated: k8sdemo-service keeps ${after[0]} under ${METALLB_CRS}; a new Service gets ${second[0]}\n`);
  } finally {
    await cr.stop();
  }
});

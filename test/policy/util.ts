import { App, Chart, ChartProps, Testing } from 'cdk8s';
import { ServicePolicy, ServicePolicyProps } from '../../src/policy/service-policy';

/** What synth of one chart gave: the manifests and YAML, or the error; the policy warnings printed. */
export interface Outcome {
  readonly manifests?: any[];
  readonly yaml?: string;
  readonly error?: string;
  /** the P-rule warnings, without the `warning: ` prefix */
  readonly warnings: string[];
}

/**
 * Builds a chart `test` (namespace `shop` unless `chartProps` say otherwise) in an app with the
 * policy (none when `props` is undefined) and synthesizes it.
 */
export function synthWith(props: ServicePolicyProps | undefined, build: (c: Chart, app: App) => void, chartProps: ChartProps = { namespace: 'shop' }): Outcome {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const app = Testing.app();
    if (props) ServicePolicy.apply(app, props);
    const c = new Chart(app, 'test', chartProps);
    build(c, app);
    let manifests: any[] | undefined;
    let yaml: string | undefined;
    let error: string | undefined;
    try {
      manifests = Testing.synth(c);
      yaml = app.synthYaml();
    } catch (e) {
      error = (e as Error).message;
    }
    return { manifests, yaml, error, warnings: policyWarnings(warn) };
  } finally {
    warn.mockRestore();
  }
}

/** The policy warnings a console.warn spy saw. */
export function policyWarnings(spy: jest.SpyInstance): string[] {
  return spy.mock.calls.map(a => String(a[0])).filter(l => /^warning: \[[^\]]*\] P\d+ /.test(l)).map(l => l.slice('warning: '.length));
}

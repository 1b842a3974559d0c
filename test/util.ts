import { App, Chart, Testing } from 'cdk8s';

/** A fresh app and chart for one test. */
export function chart(): Chart {
  return new Chart(Testing.app(), 'test');
}

/** Builds with `build` and synthesizes; returns the error message (fails the test if none). */
export function synthError(build: (c: Chart) => void): string {
  const c = chart();
  try {
    build(c);
    Testing.synth(c);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synth to fail, but it succeeded');
}

/** Builds with `build` and returns the synthesized manifests. */
export function synth(build: (c: Chart) => void): any[] {
  const c = chart();
  build(c);
  return Testing.synth(c);
}

/** The objects of every chart of an app, by chart id. */
export function synthApp(app: App): Record<string, any[]> {
  const out: Record<string, any[]> = {};
  for (const c of app.charts) out[c.node.id] = Testing.synth(c);
  return out;
}

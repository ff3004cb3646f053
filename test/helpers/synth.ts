import { App, Chart } from 'cdk8s';
import { synthesizeApp } from '../../lib/synth/synth';

/** Synthesizes an app in memory the way `svcgen synth` does (construct checks included). */
export function synthObjects(app: App): Record<string, unknown>[] {
  return synthesizeApp(app).flatMap((c) => c.objects as Record<string, unknown>[]);
}

/** A fresh App and chart for a construct test. */
export function testChart(): { app: App; chart: Chart } {
  const app = new App({ outdir: '/nonexistent' });
  return { app, chart: new Chart(app, 'test') };
}

import * as fs from 'fs';
import * as path from 'path';
import { loadCompose } from './lib/compose/load';
import { planConversion } from './lib/compose/convert';
import { buildApp } from './lib/compose/emit';
import { synthesizeChecked } from './lib/synth/synth';
const root = '/work/shared/corpus/compose';
let warnings = 0;
for (const d of fs.readdirSync(root)) {
  const dir = path.join(root, d);
  if (!fs.statSync(dir).isDirectory()) continue;
  for (const f of fs.readdirSync(dir)) {
    try {
      const p = loadCompose([path.join(dir, f)], { env: { DOMAIN: 'example.com' } });
      const plan = planConversion(p, {});
      warnings += plan.warnings.length;
      const r = synthesizeChecked(buildApp(plan));
      console.log('ok  ', d + '/' + f, plan.statements.length, 'objects', plan.warnings.length, 'warnings', r.report.summary.warnings, 'validator warnings');
    } catch (e) {
      console.log('FAIL', d + '/' + f, (e as Error).message.slice(0, 300));
    }
  }
}
console.log('warnings', warnings);

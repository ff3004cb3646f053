/** healthcheck -> readiness, liveness and startup probes that run (CMD as argv, the rest through sh -c). */
import { Code, C } from './code';
import { ServiceContext } from './context';
import type { Obj } from './load';
import { durationSeconds } from './parse';

/** Sets the container's probes from the service's healthcheck, or from kompose's healthcheck labels. */
export function mapHealthcheck(ctx: ServiceContext, container: Obj): void {
  const { name, svc, kompose } = ctx;
  const warn = (_service: string, key: string, message: string) => ctx.warn(key, message);
  const hc = svc.healthcheck;
  // a healthcheck without test keeps the image's own HEALTHCHECK in Docker: Kubernetes cannot see
  // that, so kompose's probe labels (with this healthcheck's timing) decide, or nothing does
  if (hc && !hc.disable && hc.test !== undefined) {
    const test = hc.test;
    const timing: Obj = {
      periodSeconds: durationSeconds(hc.interval),
      timeoutSeconds: durationSeconds(hc.timeout),
      failureThreshold: hc.retries,
    };
    let probe: Code | undefined;
    if (typeof test === 'string') probe = C.probeShell(test, timing);
    else if (Array.isArray(test) && test[0] === 'CMD') probe = C.probeExec(test.slice(1).map(String), timing);
    else if (Array.isArray(test) && test[0] === 'CMD-SHELL') probe = C.probeShell(test.slice(1).join(' '), timing);
    else if (Array.isArray(test) && test[0] === 'NONE') probe = undefined;
    else if (test !== undefined) warn(name, 'healthcheck.test', 'is neither CMD, CMD-SHELL, NONE nor a string; no probe made');
    if (probe) {
      container.readiness = probe;
      container.liveness = probe;
      const start = durationSeconds(hc.start_period);
      if (start) {
        const period = durationSeconds(hc.start_interval) ?? durationSeconds(hc.interval) ?? 10;
        const startupTiming = { periodSeconds: period, failureThreshold: Math.max(1, Math.ceil(start / period)) + (hc.retries ?? 3), timeoutSeconds: timing.timeoutSeconds };
        container.startup = Array.isArray(test) && test[0] === 'CMD' ? C.probeExec(test.slice(1).map(String), startupTiming) : C.probeShell(typeof test === 'string' ? test : test.slice(1).join(' '), startupTiming);
      }
    }
  } else {
    const timing: Obj = hc && !hc.disable ? { periodSeconds: durationSeconds(hc.interval), timeoutSeconds: durationSeconds(hc.timeout), failureThreshold: hc.retries } : {};
    let made = false;
    for (const which of ['liveness', 'readiness'] as const) {
      const hcPath = kompose(`service.healthcheck.${which}.http_get_path`);
      const hcPort = kompose(`service.healthcheck.${which}.http_get_port`);
      if (hcPath && hcPort) {
        container[which] = C.probeHttpGet(hcPath, { port: /^\d+$/.test(hcPort) ? Number(hcPort) : hcPort, ...timing });
        made = true;
      } else if (hcPath || hcPort) warn(name, 'labels', `kompose.service.healthcheck.${which}: give both http_get_path and http_get_port`);
    }
    if (hc && !hc.disable && !made) {
      warn(name, 'healthcheck', "has no test: Docker runs the image's own HEALTHCHECK, which Kubernetes does not read; no probe made (give a test, or kompose's service.healthcheck.* labels)");
    }
  }
}

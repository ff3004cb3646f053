/**
 * How a command chooses the Kubernetes version it judges against: --kubernetes-version, else
 * SVCGEN_KUBERNETES_VERSION, else the svcgen plugin's kubernetesVersion in ./cdk8s.yaml, else the
 * newest carried; and that the choice reaches validate, synth and convert and every report.
 */
import { projectDir, svcgen } from '../helpers/cli';

// a sidecar with a probe: refused by 1.28 (the field is dropped), accepted from 1.29
const SIDECAR = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: proxy, image: envoy, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 9901}}}]
  containers: [{name: app, image: nginx}]
`;
const CDK8S_YAML = (v: string) => `language: typescript
app: node main.js
validations:
  - package: ./node_modules/svcgen/build/lib/cdk8s-plugin.js
    class: SvcgenValidation
    version: 0.1.0
    properties:
      kubernetesVersion: "${v}"
`;
const NO_ENV = { SVCGEN_KUBERNETES_VERSION: '' };

describe('choosing the Kubernetes version', () => {
  test('with nothing set, validate judges as 1.37 and says so', () => {
    const dir = projectDir({ 'pod.yaml': SIDECAR });
    const r = svcgen(['validate', 'pod.yaml'], { cwd: dir, env: NO_ENV });
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout.trim().split('\n').pop()).toBe('1 resource: 1 valid, 0 invalid, 0 skipped; 0 errors, 0 warnings (Kubernetes 1.37)');
  });

  test('--kubernetes-version 1.28 judges as 1.28', () => {
    const dir = projectDir({ 'pod.yaml': SIDECAR });
    const r = svcgen(['validate', '--kubernetes-version', '1.28', 'pod.yaml'], { cwd: dir, env: NO_ENV });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always');
    expect(r.stdout).toContain('(Kubernetes 1.28)');
  });

  test('SVCGEN_KUBERNETES_VERSION is used when no flag is given, and the flag wins over it', () => {
    const dir = projectDir({ 'pod.yaml': SIDECAR });
    expect(svcgen(['validate', 'pod.yaml'], { cwd: dir, env: { SVCGEN_KUBERNETES_VERSION: '1.28' } }).code).toBe(1);
    expect(svcgen(['validate', '--kubernetes-version', '1.29', 'pod.yaml'], { cwd: dir, env: { SVCGEN_KUBERNETES_VERSION: '1.28' } }).code).toBe(0);
    const bad = svcgen(['validate', 'pod.yaml'], { cwd: dir, env: { SVCGEN_KUBERNETES_VERSION: '2.0' } });
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('svcgen: error: SVCGEN_KUBERNETES_VERSION 2.0: not a Kubernetes version: give a minor version such as 1.37 (svcgen carries 1.28 through 1.37)\n');
  });

  test("the svcgen plugin's kubernetesVersion in ./cdk8s.yaml is the project's setting", () => {
    const dir = projectDir({ 'pod.yaml': SIDECAR, 'cdk8s.yaml': CDK8S_YAML('1.28') });
    expect(svcgen(['validate', 'pod.yaml'], { cwd: dir, env: NO_ENV })).toMatchObject({ code: 1 });
    expect(svcgen(['validate', '-o', 'json', 'pod.yaml'], { cwd: dir, env: NO_ENV }).stdout).toContain('"kubernetesVersion": "1.28"');
    expect(svcgen(['validate', 'pod.yaml'], { cwd: dir, env: { SVCGEN_KUBERNETES_VERSION: '1.37' } })).toMatchObject({ code: 0 });
    const bad = projectDir({ 'pod.yaml': SIDECAR, 'cdk8s.yaml': CDK8S_YAML('1.99') });
    expect(svcgen(['validate', 'pod.yaml'], { cwd: bad, env: NO_ENV })).toMatchObject({
      code: 2,
      stderr: 'svcgen: error: cdk8s.yaml validations[0].properties.kubernetesVersion 1.99: svcgen carries Kubernetes 1.28 through 1.37; choose one of them (the default is 1.37)\n',
    });
  });

  test('every output format names the version', () => {
    const dir = projectDir({ 'pod.yaml': SIDECAR });
    const at = (o: string) => svcgen(['validate', '--kubernetes-version', '1.33', '-o', o, 'pod.yaml'], { cwd: dir, env: NO_ENV }).stdout;
    expect(JSON.parse(at('json')).kubernetesVersion).toBe('1.33');
    expect(JSON.parse(at('sarif')).runs[0].properties).toEqual({ kubernetesVersion: '1.33' });
    expect(at('junit')).toContain('<property name="kubernetesVersion" value="1.33"/>');
  });

  test('convert validates its output for the version chosen', () => {
    // a compose healthcheck-less service; the output is the same, the report says the version
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n' });
    const r = svcgen(['convert', '--kubernetes-version', '1.30', '-o', 'out.yaml'], { cwd: dir, env: NO_ENV });
    expect(r.code).toBe(0);
    expect(svcgen(['convert', '--kubernetes-version', '1.27'], { cwd: dir, env: NO_ENV })).toMatchObject({ code: 2 });
  });

  test('an API removed by the target version is an error naming the release and the replacement; one that arrives later names when', () => {
    const fs3 = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: PriorityLevelConfiguration\nmetadata: {name: pl}\nspec: {type: Limited, limited: {nominalConcurrencyShares: 10, limitResponse: {type: Reject}}}\n';
    const dir = projectDir({ 'pl.yaml': fs3, 'dc.yaml': 'apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: gpu.example.com}\nspec: {}\n' });
    const now = svcgen(['validate', 'pl.yaml'], { cwd: dir, env: NO_ENV });
    expect(now.code).toBe(1);
    expect(now.stdout).toContain('PriorityLevelConfiguration flowcontrol.apiserver.k8s.io/v1beta3 was removed in Kubernetes 1.32: use apiVersion flowcontrol.apiserver.k8s.io/v1');
    const then = svcgen(['validate', '--kubernetes-version', '1.30', 'pl.yaml'], { cwd: dir, env: NO_ENV });
    expect(then.code).toBe(0);
    expect(then.stdout).toContain('warning: apiVersion: Invalid value: "flowcontrol.apiserver.k8s.io/v1beta3": PriorityLevelConfiguration flowcontrol.apiserver.k8s.io/v1beta3 is deprecated and removed in Kubernetes 1.32: use apiVersion flowcontrol.apiserver.k8s.io/v1');
    const early = svcgen(['validate', '--kubernetes-version', '1.31', 'dc.yaml'], { cwd: dir, env: NO_ENV });
    expect(early.code).toBe(1);
    expect(early.stdout).toContain('no DeviceClass in resource.k8s.io/v1 in Kubernetes 1.31 (it arrives in Kubernetes 1.34');
    // the replacement named is the one the target serves longest (v1beta3, not v1beta2, which 1.29 removes)
    const fsv1 = projectDir({ 'fs.yaml': 'apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: FlowSchema\nmetadata: {name: fs}\nspec: {priorityLevelConfiguration: {name: global-default}, matchingPrecedence: 1000}\n' });
    expect(svcgen(['validate', '--kubernetes-version', '1.28', 'fs.yaml'], { cwd: fsv1, env: NO_ENV }).stdout).toContain(
      'no FlowSchema in flowcontrol.apiserver.k8s.io/v1 in Kubernetes 1.28: use apiVersion flowcontrol.apiserver.k8s.io/v1beta3 (it arrives in Kubernetes 1.29',
    );
  });

  test('an API version that the server serves only when enabled is an error saying how it is enabled', () => {
    const dir = projectDir({ 'dc.yaml': 'apiVersion: resource.k8s.io/v1beta1\nkind: DeviceClass\nmetadata: {name: gpu.example.com}\nspec: {}\n' });
    const r = svcgen(['validate', 'dc.yaml'], { cwd: dir, env: NO_ENV });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DeviceClass resource.k8s.io/v1beta1 is not served by a Kubernetes 1.37 API server unless the cluster enables it (--runtime-config=resource.k8s.io/v1beta1=true); use apiVersion resource.k8s.io/v1, which it serves');
  });

  test('v1 Endpoints is deprecated from 1.33 (a warning naming EndpointSlice), not before', () => {
    const ep = 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\nsubsets: [{addresses: [{ip: 10.1.2.3}], ports: [{port: 80}]}]\n';
    const dir = projectDir({ 'ep.yaml': ep });
    expect(svcgen(['validate', 'ep.yaml'], { cwd: dir, env: NO_ENV }).stdout).toContain('Endpoints v1 is deprecated since Kubernetes 1.33: use EndpointSlice (apiVersion discovery.k8s.io/v1)');
    expect(svcgen(['validate', '--kubernetes-version', '1.32', 'ep.yaml'], { cwd: dir, env: NO_ENV }).stdout).not.toContain('deprecated');
  });
});

/**
 * svcgen: Kubernetes Services and the workloads behind them, as validated cdk8s constructs, a
 * validator that agrees with the kube-apiserver of the Kubernetes version the cluster runs (1.28 through
 * 1.37), and a Compose/Swarm converter.
 */
export * from './constructs';
export { SvcgenError, ConstructError } from './errors';
export { FieldError } from './validate/field';
export { validateSources } from './validate/validator';
export type { Problem, Report, ResourceResult, Source, Summary, ValidateOptions } from './validate/validator';
export type { OutputFormat } from './validate/report';
export { synthesizeChecked, synthesizeApp, SynthError, SynthValidationError } from './synth/synth';
export type { ConvertOptions, ConvertResult, LoadOptions, Plan, Warning } from './compose';
export type { DnsRecord, Edge, ExplainOptions, Explanation, ExplainProblem, PlacedObject, PortChain, ServiceInfo, WorkloadInfo } from './explain/model';

// The converter, explain and the report formats are loaded when first called: an app that only
// imports constructs does not pay for the Compose parser and the rest (about 0.1 s a run).
/* eslint-disable @typescript-eslint/no-require-imports */
type Compose = typeof import('./compose');
type Model = typeof import('./explain/model');
type Render = typeof import('./explain/render');
/** Loads, converts and validates Compose files (see `svcgen convert`). */
export const convertCompose: Compose['convertCompose'] = (...a) => (require('./compose') as Compose).convertCompose(...a);
/** `file:line: service "x": key: message` */
export const formatWarning: Compose['formatWarning'] = (...a) => (require('./compose') as Compose).formatWarning(...a);
/** How every Service of some manifests is found and reached (see `svcgen explain`). */
export const explain: Model['explain'] = (...a) => (require('./explain/model') as Model).explain(...a);
/** The environment variables the kubelet sets for a Service. */
export const serviceEnvVars: Model['serviceEnvVars'] = (...a) => (require('./explain/model') as Model).serviceEnvVars(...a);
export const toDot: Render['toDot'] = (...a) => (require('./explain/render') as Render).toDot(...a);
export const toJson: Render['toJson'] = (...a) => (require('./explain/render') as Render).toJson(...a);
export const toMermaid: Render['toMermaid'] = (...a) => (require('./explain/render') as Render).toMermaid(...a);
export const toText: Render['toText'] = (...a) => (require('./explain/render') as Render).toText(...a);
/** A validation report as text, json, junit or sarif. */
export const formatReport: typeof import('./validate/report').formatReport = (...a) => (require('./validate/report') as typeof import('./validate/report')).formatReport(...a);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The Kubernetes 1.28 L1 types that svcgen's props take (`securityContext`, `lifecycle`, `podSpec`,
 * quantities, int-or-string ports), so an app need not import cdk8s-plus-28 itself:
 * `import { k8s } from 'svcgen'` then `k8s.IntOrString.fromNumber(8080)`.
 */
export { k8s } from './k8s';
export { SvcgenValidation } from './cdk8s-plugin';
export type { SvcgenValidationProps, Cdk8sValidationContext } from './cdk8s-plugin';

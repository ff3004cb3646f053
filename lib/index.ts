/**
 * svcgen: Kubernetes Services and the workloads behind them, as validated cdk8s constructs, a
 * validator that agrees with kube-apiserver 1.28, and a Compose/Swarm converter.
 */
export * from './constructs';
export { SvcgenError, ConstructError } from './errors';
export { FieldError } from './validate/field';
export { validateSources } from './validate/validator';
export type { Problem, Report, ResourceResult, Source, Summary, ValidateOptions } from './validate/validator';
export { formatReport } from './validate/report';
export type { OutputFormat } from './validate/report';
export { synthesizeChecked, synthesizeApp, SynthError, SynthValidationError } from './synth/synth';
export { convertCompose, formatWarning } from './compose';
export type { ConvertOptions, ConvertResult, LoadOptions, Plan, Warning } from './compose';

export { explain, serviceEnvVars } from './explain/model';
export type { DnsRecord, Edge, ExplainOptions, Explanation, ExplainProblem, PlacedObject, PortChain, ServiceInfo, WorkloadInfo } from './explain/model';
export { toDot, toJson, toMermaid, toText } from './explain/render';

/**
 * The Kubernetes 1.28 L1 types that svcgen's props take (`securityContext`, `lifecycle`, `podSpec`,
 * quantities, int-or-string ports), so an app need not import cdk8s-plus-28 itself:
 * `import { k8s } from 'svcgen'` then `k8s.IntOrString.fromNumber(8080)`.
 */
export { k8s } from './k8s';
export { SvcgenValidation } from './cdk8s-plugin';
export type { SvcgenValidationProps, Cdk8sValidationContext } from './cdk8s-plugin';

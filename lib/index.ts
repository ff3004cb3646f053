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

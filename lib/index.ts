/**
 * svcgen: Kubernetes Services and the workloads behind them, as validated cdk8s constructs.
 */
export * from './constructs';
export { SvcgenError, ConstructError } from './errors';
export { FieldError } from './validate/field';

/**
 * The Kubernetes 1.28 L1 types and classes (cdk8s-plus-28's generated module), as the package
 * exports them for users (`import { k8s } from 'svcgen'`). In the build, the module is loaded on
 * first use only (scripts/build-l1.js); svcgen's own constructs use lib/l1.ts.
 */
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';

export { k8s };

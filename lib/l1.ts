/**
 * The generated Kubernetes 1.28 L1 classes the constructs render through (cdk8s-plus-28's, without
 * its constructs and their injected defaults). In the build, this module loads only the classes
 * the constructs use, cut from cdk8s-plus-28's 2.6 MB module by scripts/build-l1.js; the whole
 * module is what `k8s` (lib/k8s.ts) gives users.
 */
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';

export { k8s };

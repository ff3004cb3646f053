/**
 * The generated Kubernetes 1.28 L1 classes that cdk8s-plus-28 ships, imported from their own
 * module so that the cdk8s-plus constructs (and their opinionated defaults) are not loaded.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';

export { k8s };

'use strict';
/**
 * The environment of the processes a bench times. NODE_EXTRA_CA_CERTS is taken out of it
 * (BENCH_KEEP_CA_CERTS=1 keeps it): node reads and parses that file of certificates when it
 * starts, whatever it runs, which costs every node process on a machine that sets it (this one
 * does, for its npm proxy) 0.06-0.09 CPU-s, two thirds of `node -e 0`. It would flatter ratios to
 * `node -e 0` and burden those to the Go tools with what a machine without it never pays.
 */
const removedCaCerts = process.env.NODE_EXTRA_CA_CERTS && !process.env.BENCH_KEEP_CA_CERTS ? process.env.NODE_EXTRA_CA_CERTS : undefined;
const benchEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
if (removedCaCerts) delete benchEnv.NODE_EXTRA_CA_CERTS;

module.exports = { benchEnv, removedCaCerts };

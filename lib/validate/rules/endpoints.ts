/**
 * The API server's Endpoints and EndpointSlice rules (pkg/apis/core/validation
 * validateEndpointSubsets, pkg/apis/discovery/validation; Kubernetes 1.28) on wire-format objects.
 */
import { duplicate, FieldError, invalid, notSupported, required, tooMany } from '../field';
import { isValidIP, isValidLabelValue, isValidPortNum, nonSpecialIPProblems, parseIPv4, parseIPv6 } from '../names';
import { dns1123Label, dns1123Subdomain, Obj, PROTOCOLS, qualifiedName } from './_common';
import { since } from '../target';
import { validateLabels } from './meta';

const R = {
  address: 'endpoints-address',
  addressesRequired: 'endpoints-addresses-required',
  port: 'endpoints-port',
  portName: 'endpoints-port-name',
  sliceAddressType: 'endpointslice-address-type',
  sliceAddress: 'endpointslice-address',
} as const;

const INVALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** An endpoint IP: valid, and not unspecified, loopback, link-local or link-local multicast. */
export function validateEndpointIP(ip: string, path: string, rule: string = R.address): FieldError[] {
  if (!isValidIP(ip)) return [invalid(path, ip, INVALID_IP).withRule(rule), invalid(path, ip, 'must be a valid IP address').withRule(rule)];
  return nonSpecialIPProblems(ip).map((m) => invalid(path, ip, m).withRule(rule));
}

function validateEndpointPort(p: Obj, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(required(`${path}.name`).withRule(R.portName));
  else if (p.name) errs.push(...dns1123Label(p.name, `${path}.name`, R.portName));
  for (const m of isValidPortNum(p.port)) errs.push(invalid(`${path}.port`, p.port, m).withRule(R.port));
  const protocol = p.protocol ?? 'TCP';
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, PROTOCOLS).withRule(R.port));
  if (p.appProtocol !== undefined) errs.push(...qualifiedName(p.appProtocol, `${path}.appProtocol`, R.port));
  return errs;
}

/** `subsets` of an Endpoints object. */
export function validateEndpointSubsets(subsets: Obj[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  (subsets ?? []).forEach((ss, i) => {
    const at = `subsets[${i}]`;
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length) {
      errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`').withRule(R.addressesRequired));
    }
    for (const list of ['addresses', 'notReadyAddresses'] as const) {
      (ss[list] ?? []).forEach((a: Obj, j: number) => {
        errs.push(...validateEndpointIP(String(a?.ip ?? ''), `${at}.${list}[${j}].ip`));
        if (a.hostname) errs.push(...dns1123Label(a.hostname, `${at}.${list}[${j}].hostname`, R.address));
        if (typeof a.nodeName === 'string') errs.push(...dns1123Subdomain(a.nodeName, `${at}.${list}[${j}].nodeName`, R.address));
      });
    }
    const ports: Obj[] = ss.ports ?? [];
    ports.forEach((p, j) => errs.push(...validateEndpointPort(p, ports.length > 1, `${at}.ports[${j}]`)));
  });
  return errs;
}

const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ZONE_HINTS = 8;

/** IsFullyQualifiedDomainName: a DNS subdomain of at least two labels (a trailing dot allowed). */
function fqdnErrors(name: string, path: string): FieldError[] {
  if (!name) return [required(path).withRule(R.sliceAddress)];
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  const sub = dns1123Subdomain(n, path, R.sliceAddress);
  if (sub.length) return [invalid(path, n, sub.map((e) => e.detail).join(',')).withRule(R.sliceAddress)];
  if (n.split('.').length < 2) return [invalid(path, n, 'should be a domain with at least two segments separated by dots').withRule(R.sliceAddress)];
  return [];
}

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? x : {})) : []);

/** An EndpointSlice's addressType, endpoints and ports (pkg/apis/discovery/validation). */
export function validateEndpointSlice(slice: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const type = slice.addressType;
  if (!['FQDN', 'IPv4', 'IPv6'].includes(type)) {
    errs.push(notSupported('addressType', type ?? '', ['FQDN', 'IPv4', 'IPv6']).withRule(R.sliceAddressType));
  }
  const endpoints = list(slice.endpoints);
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany('endpoints', endpoints.length, MAX_ENDPOINTS).withRule(R.sliceAddress));
  else {
    endpoints.forEach((ep, i) => {
      const at = `endpoints[${i}]`;
      const addrs: unknown[] = Array.isArray(ep.addresses) ? ep.addresses : [];
      if (addrs.length === 0) errs.push(required(`${at}.addresses`, 'must contain at least 1 address').withRule(R.sliceAddress));
      else if (addrs.length > MAX_ADDRESSES) errs.push(tooMany(`${at}.addresses`, addrs.length, MAX_ADDRESSES).withRule(R.sliceAddress));
      addrs.forEach((raw, j) => {
        const a = String(raw ?? '');
        const path = `${at}.addresses[${j}]`;
        // an IPv6 address in an IPv4 slice: `addresses`, "must be an IPv4 address" from 1.37 (as kube-apiserver 1.37.2 checks it; the release that changed it is not pinned down here, so 1.29-1.36 keep 1.28's rule)
        if (type === 'IPv4' && since(37) && !parseIPv4(a) && parseIPv6(a)) errs.push(invalid(`${at}.addresses`, a, 'must be an IPv4 address').withRule(R.sliceAddress));
        else if (type === 'IPv4') {
          if (!parseIPv4(a)) errs.push(invalid(path, a, 'must be a valid IPv4 address').withRule(R.sliceAddress));
          else errs.push(...validateEndpointIP(a, path, R.sliceAddress));
        } else if (type === 'IPv6') {
          if (!parseIPv6(a)) errs.push(invalid(path, a, 'must be a valid IPv6 address').withRule(R.sliceAddress));
          else errs.push(...validateEndpointIP(a, path, R.sliceAddress));
        } else if (type === 'FQDN') errs.push(...fqdnErrors(a, path));
      });
      if (typeof ep.nodeName === 'string') errs.push(...dns1123Subdomain(ep.nodeName, `${at}.nodeName`, R.sliceAddress));
      const topology = ep.deprecatedTopology && typeof ep.deprecatedTopology === 'object' ? ep.deprecatedTopology : undefined;
      if (topology && Object.keys(topology).length > MAX_TOPOLOGY_LABELS) errs.push(tooMany(`${at}.deprecatedTopology`, Object.keys(topology).length, MAX_TOPOLOGY_LABELS).withRule(R.sliceAddress));
      if (topology) errs.push(...validateLabels(topology, `${at}.deprecatedTopology`, R.sliceAddress));
      if (typeof ep.hostname === 'string') errs.push(...dns1123Label(ep.hostname, `${at}.hostname`, R.sliceAddress));
      const zones = list(ep.hints?.forZones);
      if (zones.length > MAX_ZONE_HINTS) errs.push(tooMany(`${at}.hints.forZones`, zones.length, MAX_ZONE_HINTS).withRule(R.sliceAddress));
      else {
        const seen = new Set<string>();
        zones.forEach((z, k) => {
          const zp = `${at}.hints.forZones[${k}].name`;
          const name = String(z.name ?? '');
          if (seen.has(name)) errs.push(duplicate(zp, name).withRule(R.sliceAddress));
          seen.add(name);
          for (const m of isValidLabelValue(name)) errs.push(invalid(zp, name, m).withRule(R.sliceAddress));
        });
      }
    });
  }
  // (v1 defaulting: a port's name is "" and its protocol TCP when unset)
  const names = new Set<string>();
  list(slice.ports).forEach((p, i) => {
    const name = typeof p.name === 'string' ? p.name : '';
    if (name) errs.push(...dns1123Label(name, `ports[${i}].name`, R.port));
    if (names.has(name)) errs.push(duplicate(`ports[${i}].name`, name).withRule(R.port));
    names.add(name);
    const protocol = p.protocol ?? 'TCP';
    if (!(PROTOCOLS as readonly string[]).includes(protocol)) errs.push(notSupported(`ports[${i}].protocol`, protocol, PROTOCOLS).withRule(R.port));
    if (p.port !== undefined) for (const m of isValidPortNum(p.port)) errs.push(invalid(`ports[${i}].port`, p.port, m).withRule(R.port));
    if (p.appProtocol !== undefined) errs.push(...qualifiedName(p.appProtocol, `ports[${i}].appProtocol`, R.port));
  });
  return errs;
}

/**
 * The API server's Endpoints and EndpointSlice rules (pkg/apis/core/validation
 * validateEndpointSubsets, pkg/apis/discovery/validation; Kubernetes 1.28) on wire-format objects.
 */
import { FieldError, invalid, notSupported, required } from '../field';
import { isValidIP, isValidPortNum, nonSpecialIPProblems, parseIPv4, parseIPv6 } from '../names';
import { dns1123Label, Obj, PROTOCOLS, qualifiedName } from './_common';

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
        errs.push(...validateEndpointIP(a.ip, `${at}.${list}[${j}].ip`));
        if (a.hostname) errs.push(...dns1123Label(a.hostname, `${at}.${list}[${j}].hostname`, R.address));
      });
    }
    const ports: Obj[] = ss.ports ?? [];
    ports.forEach((p, j) => errs.push(...validateEndpointPort(p, ports.length > 1, `${at}.ports[${j}]`)));
  });
  return errs;
}

/** An EndpointSlice's addressType, endpoints and ports. */
export function validateEndpointSlice(slice: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const type = slice.addressType;
  if (!['FQDN', 'IPv4', 'IPv6'].includes(type)) {
    errs.push(notSupported('addressType', type, ['FQDN', 'IPv4', 'IPv6']).withRule(R.sliceAddressType));
  }
  (slice.endpoints ?? []).forEach((ep: Obj, i: number) => {
    const addrs: string[] = ep.addresses ?? [];
    if (addrs.length === 0) errs.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address').withRule(R.sliceAddress));
    addrs.forEach((a, j) => {
      const path = `endpoints[${i}].addresses[${j}]`;
      if (type === 'IPv4') {
        if (!parseIPv4(a)) errs.push(invalid(path, a, 'must be a valid IPv4 address').withRule(R.sliceAddress));
        else errs.push(...validateEndpointIP(a, path, R.sliceAddress));
      } else if (type === 'IPv6') {
        if (!parseIPv6(a)) errs.push(invalid(path, a, 'must be a valid IPv6 address').withRule(R.sliceAddress));
        else errs.push(...validateEndpointIP(a, path, R.sliceAddress));
      }
    });
  });
  (slice.ports ?? []).forEach((p: Obj, i: number) => {
    if (p.name) errs.push(...dns1123Label(p.name, `ports[${i}].name`, R.port));
    if (p.port !== undefined) for (const m of isValidPortNum(p.port)) errs.push(invalid(`ports[${i}].port`, p.port, m).withRule(R.port));
  });
  return errs;
}

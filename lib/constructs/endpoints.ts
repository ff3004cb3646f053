import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { recordOrigin } from './_origin';
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { invalid, required } from '../validate/field';
import { parseIPv6 } from '../validate/names';
import { validateEndpointSlice, validateEndpointSubsets } from '../validate/rules/endpoints';
import { Protocol } from './ports';
import { Service } from './service';

/** A port of hand-written endpoints. */
export interface EndpointPort {
  readonly port: number;
  /** Must equal the Service port's name when the Service port has one. @default - unnamed */
  readonly name?: string;
  /** @default - not emitted (TCP) */
  readonly protocol?: Protocol;
  /** @default - none */
  readonly appProtocol?: string;
}

export interface EndpointsProps {
  /** The selector-less Service these endpoints back (they take its name and namespace), or its name. */
  readonly service: Service | string;
  /** Ready addresses (IPs). */
  readonly addresses: readonly string[];
  /** Addresses that are not ready yet. @default - none */
  readonly notReadyAddresses?: readonly string[];
  /**
   * @default - the Service's ports: each port's numeric targetPort (else its port), with its name
   */
  readonly ports?: readonly EndpointPort[];
  /** Also write the same endpoints as discovery.k8s.io/v1 EndpointSlices (one per IP family). @default false */
  readonly endpointSlice?: boolean;
  /** Write the (legacy) v1 Endpoints object. @default true */
  readonly endpoints?: boolean;
}

/**
 * Hand-written endpoints for a Service without a selector (a database outside the cluster, a
 * backend during a migration): a v1 Endpoints object named after the Service and, as an option,
 * EndpointSlices labelled `kubernetes.io/service-name`. Unusable addresses (loopback, link-local,
 * link-local multicast, unspecified) are errors at construction.
 */
export class Endpoints extends Construct {
  public readonly serviceName: string;
  /** The v1 Endpoints object, unless `endpoints: false`. */
  public readonly apiObject?: ApiObject;
  public readonly endpointSlices: ApiObject[] = [];

  constructor(scope: Construct, id: string, props: EndpointsProps) {
    super(scope, id);
    recordOrigin(this);
    const service = typeof props.service === 'string' ? undefined : props.service;
    this.serviceName = typeof props.service === 'string' ? props.service : props.service.name;
    const namespace = service?.explicitNamespace;
    const ports = props.ports ?? this.portsFromService(service);
    const notReady = props.notReadyAddresses ?? [];

    const subset = {
      addresses: props.addresses.length ? props.addresses.map((ip) => ({ ip })) : undefined,
      notReadyAddresses: notReady.length ? notReady.map((ip) => ({ ip })) : undefined,
      ports: ports.length ? ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol, appProtocol: p.appProtocol })) : undefined,
    };
    const errors = validateEndpointSubsets([k8s.toJson_EndpointSubset(subset) as Record<string, unknown>]);
    if (service?.selector) {
      errors.push(
        invalid('metadata.name', this.serviceName, 'the Service has a selector, so Kubernetes writes its endpoints itself and would overwrite these; remove the selector or these endpoints'),
      );
    }
    if (errors.length) throw new ConstructError(this.node.path, errors);

    const metadata = { name: this.serviceName, namespace };
    if (props.endpoints !== false) {
      this.apiObject = new k8s.KubeEndpoints(this, 'Resource', { metadata, subsets: [subset] });
    }
    if (props.endpointSlice) {
      const all = [...props.addresses.map((ip) => ({ ip, ready: true })), ...notReady.map((ip) => ({ ip, ready: false }))];
      const families = [...new Set(all.map((a) => (parseIPv6(a.ip) ? 'IPv6' : 'IPv4')))];
      for (const family of families) {
        const slice = {
          metadata: {
            name: families.length > 1 ? `${this.serviceName}-${family.toLowerCase()}` : this.serviceName,
            namespace,
            labels: { 'kubernetes.io/service-name': this.serviceName, 'endpointslice.kubernetes.io/managed-by': 'svcgen' },
          },
          addressType: family,
          endpoints: all
            .filter((a) => (parseIPv6(a.ip) ? 'IPv6' : 'IPv4') === family)
            .map((a) => ({ addresses: [a.ip], conditions: { ready: a.ready } })),
          ports: ports.length ? ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol, appProtocol: p.appProtocol })) : undefined,
        };
        const sliceErrors = validateEndpointSlice(k8s.toJson_KubeEndpointSliceProps(slice) as Record<string, unknown>);
        if (sliceErrors.length) throw new ConstructError(this.node.path, sliceErrors);
        this.endpointSlices.push(new k8s.KubeEndpointSlice(this, `Slice-${family}`, slice));
      }
    }
  }

  private portsFromService(service: Service | undefined): EndpointPort[] {
    if (!service) {
      throw new ConstructError(this.node.path, [required('subsets[0].ports', 'give `ports` when the Service is given by name')]);
    }
    return service.servicePorts.map((sp, i) => {
      const target = sp.targetPort === undefined ? sp.port : typeof sp.targetPort === 'object' ? sp.targetPort.value : sp.targetPort;
      if (typeof target === 'string') {
        throw new ConstructError(this.node.path, [
          required(`subsets[0].ports[${i}].port`, `the Service port targets the port name "${target}", which has no number outside a Pod; give \`ports\``),
        ]);
      }
      // TCP is the default on both sides; only another protocol needs saying
      return { port: target, name: sp.name, protocol: sp.protocol === Protocol.TCP ? undefined : sp.protocol, appProtocol: sp.appProtocol };
    });
  }
}

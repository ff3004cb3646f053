import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { L1_KINDS, L1Kind, L1Object } from './_render';

type L1Class = new (scope: Construct, id: string, props: L1Object['props']) => ApiObject;

/** The L1 class a construct hands its props to (`_render.ts` renders the same props without it). */
export function l1Class(kind: L1Kind): L1Class {
  return L1_KINDS[kind].cls() as unknown as L1Class;
}

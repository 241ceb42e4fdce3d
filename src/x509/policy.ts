/**
 * Certificate policy processing (RFC 5280 6.1.2 to 6.1.5): the valid_policy_tree, with
 * `-policy` (user-initial-policy-set), `-explicit_policy`, `-inhibit_any`, `-inhibit_map`.
 * The chain is given leaf first, the trust anchor last; the anchor is not processed.
 */
import type { Certificate } from './certificate';
import { certInfo } from './certInfo';
import type { PolicyQualifier } from './extensions';
import { OID } from './oids';

const ANY = OID.anyPolicy;

export interface PolicyNode {
  readonly policy: string;
  readonly qualifiers: readonly PolicyQualifier[];
  expected: Set<string>;
  readonly parent?: PolicyNode;
  readonly depth: number;
  children: PolicyNode[];
}

export interface PolicyOptions {
  readonly policies?: readonly string[];
  readonly explicitPolicy?: boolean;
  readonly inhibitAny?: boolean;
  readonly inhibitMap?: boolean;
}

export interface PolicyResult {
  /** 'ok', 'invalid' (a policy extension is malformed: error 42 at each `invalidDepths`), 'no-explicit' (43). */
  readonly outcome: 'ok' | 'invalid' | 'no-explicit';
  readonly invalidDepths: readonly number[];
  /** Whether an explicit policy was required at the end of the path. */
  readonly explicit: boolean;
  /** The authority-constrained policy set (valid policy node set), or undefined when the tree is empty. */
  readonly authority?: readonly PolicyNode[];
  /** The user-constrained policy set, or undefined. */
  readonly user?: readonly PolicyNode[];
}

function prune(levels: PolicyNode[][], upTo: number): void {
  for (let d = upTo - 1; d >= 0; d--) {
    levels[d] = levels[d].filter((n) => n.children.length > 0);
    for (const n of levels[d]) n.children = n.children.filter((c) => levels[d + 1].includes(c));
  }
}

function remove(levels: PolicyNode[][], depth: number, pred: (n: PolicyNode) => boolean): void {
  const gone = levels[depth].filter(pred);
  levels[depth] = levels[depth].filter((n) => !pred(n));
  for (const g of gone) if (g.parent) g.parent.children = g.parent.children.filter((c) => c !== g);
}

function addChild(levels: PolicyNode[][], parent: PolicyNode, policy: string, qualifiers: readonly PolicyQualifier[], expected: Iterable<string>): PolicyNode {
  const n: PolicyNode = { policy, qualifiers, expected: new Set(expected), parent, depth: parent.depth + 1, children: [] };
  parent.children.push(n);
  (levels[n.depth] ??= []).push(n);
  return n;
}

export function checkPolicies(chain: readonly Certificate[], o: PolicyOptions): PolicyResult {
  const certs = chain.slice(0, -1).reverse(); // from the anchor's subject down to the leaf
  const n = certs.length;
  const invalidDepths = chain.map((c, i) => (certInfo(c).invalidPolicy ? i : -1)).filter((i) => i >= 0);
  // RFC 5280 6.1.4 (a): anyPolicy must not be mapped.
  certs.forEach((c, idx) => {
    const m = certInfo(c).policyMappings;
    if (m?.some((x) => x.issuerDomainPolicy === ANY || x.subjectDomainPolicy === ANY)) invalidDepths.push(n - 1 - idx);
  });
  if (invalidDepths.length > 0) return { outcome: 'invalid', invalidDepths: [...new Set(invalidDepths)].sort((a, b) => b - a), explicit: false };

  const root: PolicyNode = { policy: ANY, qualifiers: [], expected: new Set([ANY]), depth: 0, children: [] };
  let levels: PolicyNode[][] | undefined = [[root]];
  let explicit = o.explicitPolicy ? 0 : n + 1;
  let inhibitAny = o.inhibitAny ? 0 : n + 1;
  let mapping = o.inhibitMap ? 0 : n + 1;

  for (let i = 1; i <= n; i++) {
    const info = certInfo(certs[i - 1]);
    levels?.push([]);
    if (levels && info.policies) {
      // 6.1.3 (d)(1)
      for (const p of info.policies.filter((x) => x.policy !== ANY)) {
        const parents = levels[i - 1].filter((nd) => nd.expected.has(p.policy));
        const use = parents.length > 0 ? parents : levels[i - 1].filter((nd) => nd.policy === ANY);
        for (const par of use) addChild(levels, par, p.policy, p.qualifiers, [p.policy]);
      }
      // (d)(2)
      const anyP = info.policies.find((x) => x.policy === ANY);
      if (anyP && (inhibitAny > 0 || (i < n && info.selfIssued))) {
        for (const par of levels[i - 1]) {
          for (const e of par.expected) {
            if (!par.children.some((c) => c.policy === e)) addChild(levels, par, e, anyP.qualifiers, [e]);
          }
        }
      }
      // (d)(3)
      prune(levels, i);
      if (levels[0].length === 0) levels = undefined;
    } else {
      levels = undefined; // (e)
    }
    if (explicit === 0 && levels === undefined) return { outcome: 'no-explicit', invalidDepths: [], explicit: true };
    if (i === n) break;
    // 6.1.4 (b): policy mappings
    if (levels && info.policyMappings) {
      const byIssuer = new Map<string, string[]>();
      for (const m of info.policyMappings) byIssuer.set(m.issuerDomainPolicy, [...(byIssuer.get(m.issuerDomainPolicy) ?? []), m.subjectDomainPolicy]);
      for (const [idp, sdps] of byIssuer) {
        if (mapping > 0) {
          const nodes = levels[i].filter((nd) => nd.policy === idp);
          if (nodes.length > 0) nodes.forEach((nd) => (nd.expected = new Set(sdps)));
          else {
            const anyNode = levels[i].find((nd) => nd.policy === ANY);
            if (anyNode?.parent) addChild(levels, anyNode.parent, idp, anyNode.qualifiers, sdps);
          }
        } else {
          remove(levels, i, (nd) => nd.policy === idp);
          prune(levels, i);
          if (levels[0].length === 0) levels = undefined;
        }
        if (!levels) break;
      }
    }
    // (h), (i), (j)
    if (!info.selfIssued) {
      if (explicit > 0) explicit--;
      if (mapping > 0) mapping--;
      if (inhibitAny > 0) inhibitAny--;
    }
    const pc = info.policyConstraints;
    if (pc?.requireExplicitPolicy !== undefined) explicit = Math.min(explicit, pc.requireExplicitPolicy);
    if (pc?.inhibitPolicyMapping !== undefined) mapping = Math.min(mapping, pc.inhibitPolicyMapping);
    if (info.inhibitAnyPolicy !== undefined) inhibitAny = Math.min(inhibitAny, info.inhibitAnyPolicy);
  }
  // 6.1.5 wrap-up
  if (explicit > 0) explicit--;
  if (n > 0 && certInfo(certs[n - 1]).policyConstraints?.requireExplicitPolicy === 0) explicit = 0;
  let authority: PolicyNode[] | undefined;
  let user: PolicyNode[] | undefined;
  if (levels) {
    // Valid policy node set: nodes whose ancestors (but the root) are all anyPolicy.
    const vpns: PolicyNode[] = [];
    const walk = (nd: PolicyNode): void => {
      for (const c of nd.children) {
        vpns.push(c);
        if (c.policy === ANY) walk(c);
      }
    };
    walk(root);
    authority = vpns.filter((x) => x.policy !== ANY);
    const userSet = o.policies && o.policies.length > 0 && !o.policies.includes(ANY) ? new Set(o.policies) : undefined;
    if (!userSet) user = authority;
    else {
      user = authority.filter((x) => userSet.has(x.policy));
      const anyLeaf = (levels[n] ?? []).find((x) => x.policy === ANY);
      if (anyLeaf?.parent) {
        for (const p of userSet) if (!user.some((x) => x.policy === p)) user.push({ policy: p, qualifiers: anyLeaf.qualifiers, expected: new Set([p]), parent: anyLeaf.parent, depth: anyLeaf.depth, children: [] });
      }
      if (user.length === 0 && explicit === 0) return { outcome: 'no-explicit', invalidDepths: [], explicit: true, authority };
    }
  }
  if (explicit === 0 && (levels === undefined || (user !== undefined && user.length === 0 && !(authority?.length === 0 && levels[n]?.some((x) => x.policy === ANY))))) {
    if (levels === undefined) return { outcome: 'no-explicit', invalidDepths: [], explicit: true };
  }
  return { outcome: 'ok', invalidDepths: [], explicit: explicit === 0, authority, user };
}

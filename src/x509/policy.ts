/**
 * Certificate policy processing (RFC 5280 6.1), shaped as OpenSSL 3.0 does it so that
 * `-policy`, `-explicit_policy`, `-inhibit_any`, `-inhibit_map` and `-policy_print` give
 * the same results and the same printed sets:
 * - the tree has one level per certificate below the trust anchor; anyPolicy nodes are
 *   kept apart from the other nodes of a level;
 * - policy mappings are applied to the mapping certificate's own policies (a mapped
 *   policy matches, one level down, any of the policies it maps to);
 * - the user-constrained set exists only when `-policy` names policies other than
 *   anyPolicy (with anyPolicy it is the authority set), so `-explicit_policy` without
 *   `-policy` always ends in "no explicit policy" (43), as in OpenSSL.
 */
import type { Certificate } from './certificate';
import { certInfo } from './certInfo';
import type { PolicyQualifier } from './extensions';
import { OID } from './oids';

const ANY = OID.anyPolicy;

interface PolicyData {
  readonly policy: string;
  readonly qualifiers?: readonly PolicyQualifier[];
  readonly critical: boolean;
  /** Set when the policy is mapped: the subject-domain policies it stands for. */
  expected?: Set<string>;
}

export interface PolicyNode {
  readonly data: PolicyData;
  readonly parent?: PolicyNode;
  nchild: number;
}

interface Level {
  nodes: PolicyNode[];
  any?: PolicyNode;
  inhibitAny: boolean;
  inhibitMap: boolean;
  cache?: Cache;
}

interface Cache {
  data?: PolicyData[];
  any?: PolicyData;
  invalid: boolean;
}

export interface PolicyOptions {
  readonly policies?: readonly string[];
  readonly explicitPolicy?: boolean;
  readonly inhibitAny?: boolean;
  readonly inhibitMap?: boolean;
}

export interface PolicyResult {
  /** 'ok'; 'invalid': a policy extension is malformed (42 at each of invalidDepths); 'no-explicit' (43). */
  readonly outcome: 'ok' | 'invalid' | 'no-explicit';
  readonly invalidDepths: readonly number[];
  /** X509_STORE_CTX_get_explicit_policy. */
  readonly explicit: boolean;
  /** X509_policy_tree_get0_policies (undefined: no tree, printed `<empty>`). */
  readonly authority?: readonly PolicyNode[];
  /** X509_policy_tree_get0_user_policies. */
  readonly user?: readonly PolicyNode[];
}

/** The policy cache of one certificate (policy_cache_create and _set_mapping). */
function policyCache(cert: Certificate): Cache {
  const i = certInfo(cert);
  const ext = cert.extensions.find((e) => e.oid === OID.certificatePolicies);
  const c: Cache = { invalid: i.invalidPolicy };
  if (i.policies) {
    c.data = [];
    for (const p of i.policies) {
      const d: PolicyData = { policy: p.policy, qualifiers: p.qualifiers.length > 0 ? p.qualifiers : undefined, critical: ext?.critical ?? false };
      if (p.policy === ANY) c.any = d;
      else c.data.push(d);
    }
  }
  for (const m of i.policyMappings ?? []) {
    if (m.issuerDomainPolicy === ANY || m.subjectDomainPolicy === ANY) {
      c.invalid = true;
      break;
    }
    let d = c.data?.find((x) => x.policy === m.issuerDomainPolicy);
    if (!d) {
      if (!c.any) continue; // no anyPolicy: the mapping is ignored
      d = { policy: m.issuerDomainPolicy, qualifiers: c.any.qualifiers, critical: c.any.critical };
      (c.data ??= []).push(d);
    }
    (d.expected ??= new Set()).add(m.subjectDomainPolicy);
  }
  return c;
}

function addNode(level: Level | undefined, data: PolicyData, parent: PolicyNode | undefined): PolicyNode {
  const node: PolicyNode = { data, parent, nchild: 0 };
  if (level) {
    if (data.policy === ANY) level.any = node;
    else level.nodes.push(node);
  }
  if (parent) parent.nchild++;
  return node;
}

/** ossl_policy_node_match against a node of `last`. */
function nodeMatch(last: Level, node: PolicyNode, oid: string): boolean {
  if (last.inhibitMap || !node.data.expected) return node.data.policy === oid;
  return node.data.expected.has(oid);
}

function linkNodes(curr: Level, last: Level, cache: Cache): void {
  for (const data of cache.data ?? []) {
    let matched = false;
    for (const node of last.nodes) {
      if (nodeMatch(last, node, data.policy)) {
        addNode(curr, data, node);
        matched = true;
      }
    }
    if (!matched && last.any) addNode(curr, data, last.any);
  }
}

function addUnmatched(curr: Level, cache: Cache, oid: string, node: PolicyNode): void {
  addNode(curr, { policy: oid, qualifiers: cache.any?.qualifiers, critical: node.data.critical }, node);
}

function linkAny(curr: Level, last: Level, cache: Cache): void {
  for (const node of last.nodes) {
    if (last.inhibitMap || !node.data.expected) {
      if (node.nchild === 0) addUnmatched(curr, cache, node.data.policy, node);
    } else {
      for (const oid of node.data.expected) {
        if (curr.nodes.some((n) => n.parent === node && n.data.policy === oid)) continue;
        addUnmatched(curr, cache, oid, node);
      }
    }
  }
  if (last.any && cache.any) addNode(curr, cache.any, last.any);
}

/** tree_prune: returns false when the tree became empty. */
function prune(levels: Level[], at: number): boolean {
  const curr = levels[at];
  if (curr.inhibitMap) {
    curr.nodes = curr.nodes.filter((n) => {
      if (!n.data.expected) return true;
      if (n.parent) n.parent.nchild--;
      return false;
    });
  }
  for (let i = at - 1; i >= 0; i--) {
    const l = levels[i];
    l.nodes = l.nodes.filter((n) => {
      if (n.nchild > 0) return true;
      if (n.parent) n.parent.nchild--;
      return false;
    });
    if (l.any && l.any.nchild === 0) {
      if (l.any.parent) l.any.parent.nchild--;
      l.any = undefined;
    }
    if (i === 0 && !l.any) return false;
  }
  return true;
}

/** X509_policy_check over a chain given leaf first, trust anchor last. */
export function checkPolicies(chain: readonly Certificate[], o: PolicyOptions): PolicyResult {
  const n = chain.length - 1; // RFC 5280 paths omit the trust anchor
  if (n === 0) return { outcome: 'ok', invalidDepths: [], explicit: false };
  const caches = chain.slice(0, n).map(policyCache);
  let explicit = o.explicitPolicy ? 0 : n + 1;
  let anySkip = o.inhibitAny ? 0 : n + 1;
  let mapSkip = o.inhibitMap ? 0 : n + 1;
  let empty = false;
  for (let i = n - 1; i >= 0 && (explicit > 0 || !empty); i--) {
    if (caches[i].invalid) {
      const depths = caches.map((c, d) => (c.invalid ? d : -1)).filter((d) => d >= 0);
      return { outcome: 'invalid', invalidDepths: depths, explicit: false };
    }
    const info = certInfo(chain[i]);
    if (!empty && caches[i].data === undefined) empty = true;
    if (explicit > 0) {
      if (!info.selfIssued) explicit--;
      const req = info.policyConstraints?.requireExplicitPolicy;
      if (req !== undefined && req < explicit) explicit = req;
    }
  }
  const requireExplicit = explicit === 0;
  if (empty) return requireExplicit ? { outcome: 'no-explicit', invalidDepths: [], explicit: true } : { outcome: 'ok', invalidDepths: [], explicit: false };

  const levels: Level[] = [{ nodes: [], inhibitAny: false, inhibitMap: false }];
  addNode(levels[0], { policy: ANY, critical: false }, undefined);
  for (let i = n - 1; i >= 0; i--) {
    const info = certInfo(chain[i]);
    const cache = caches[i];
    const level: Level = { nodes: [], inhibitAny: !cache.any, inhibitMap: false, cache };
    if (anySkip === 0) {
      if (!info.selfIssued || i === 0) level.inhibitAny = true;
    } else {
      if (!info.selfIssued) anySkip--;
      if (info.inhibitAnyPolicy !== undefined && info.inhibitAnyPolicy < anySkip) anySkip = info.inhibitAnyPolicy;
    }
    if (mapSkip === 0) level.inhibitMap = true;
    else {
      if (!info.selfIssued) mapSkip--;
      const m = info.policyConstraints?.inhibitPolicyMapping;
      if (m !== undefined && m < mapSkip) mapSkip = m;
    }
    levels.push(level);
  }

  // tree_evaluate
  for (let i = 1; i < levels.length; i++) {
    const curr = levels[i];
    const cache = curr.cache!;
    linkNodes(curr, levels[i - 1], cache);
    if (!curr.inhibitAny) linkAny(curr, levels[i - 1], cache);
    if (!prune(levels, i)) {
      return requireExplicit ? { outcome: 'no-explicit', invalidDepths: [], explicit: true } : { outcome: 'ok', invalidDepths: [], explicit: false };
    }
  }

  // tree_calculate_authority_set
  const last = levels[levels.length - 1];
  const authority: PolicyNode[] = [];
  const validSet: PolicyNode[] = [];
  if (last.any) authority.push(last.any);
  const addTo = last.any ? validSet : authority;
  for (let i = 1; i < levels.length; i++) {
    const anyptr = levels[i - 1].any;
    if (!anyptr) break;
    for (const node of levels[i].nodes) if (node.parent === anyptr) addTo.push(node);
  }
  const authNodes = last.any ? validSet : authority;

  // tree_calculate_user_set
  let user: PolicyNode[] | undefined;
  const oids = o.policies ?? [];
  if (oids.includes(ANY)) user = authority; // POLICY_FLAG_ANY_POLICY
  else if (oids.length > 0) {
    for (const oid of oids) {
      let node = authNodes.find((x) => x.data.policy === oid);
      if (!node) {
        if (!last.any) continue;
        node = addNode(undefined, { policy: oid, qualifiers: last.any.data.qualifiers, critical: last.any.data.critical }, last.any.parent);
      }
      (user ??= []).push(node);
    }
  }
  if (requireExplicit && (user === undefined || user.length === 0)) return { outcome: 'no-explicit', invalidDepths: [], explicit: true, authority, user };
  return { outcome: 'ok', invalidDepths: [], explicit: requireExplicit, authority, user };
}

function printQualifiers(q: readonly PolicyQualifier[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const x of q) {
    if (x.cpsUri !== undefined) out.push(`${pad}CPS: ${x.cpsUri}`);
    else if (x.userNotice) {
      out.push(`${pad}User Notice:`);
      const p2 = ' '.repeat(indent + 2);
      const u = x.userNotice;
      if (u.organization !== undefined) {
        out.push(`${p2}Organization: ${u.organization}`);
        const nums = u.noticeNumbers ?? [];
        out.push(`${p2}Number${nums.length > 1 ? 's' : ''}: ${nums.map((v) => v.toString()).join(', ')}`);
      }
      if (u.explicitText !== undefined) out.push(`${p2}Explicit Text: ${u.explicitText}`);
    } else out.push(`${pad}Unknown Qualifier: ${x.oid}`);
  }
  return out;
}

/** X509_POLICY_NODE_print. */
function nodeLines(node: PolicyNode, indent: number, oidText: (oid: string) => string): string[] {
  const pad = ' '.repeat(indent);
  const out = [`${pad}Policy: ${oidText(node.data.policy)}`, `${pad}  ${node.data.critical ? 'Critical' : 'Non Critical'}`];
  if (node.data.qualifiers) out.push(...printQualifiers(node.data.qualifiers, indent + 2));
  else out.push(`${pad}  No Qualifiers`);
  return out;
}

/** The apps' policies_print: explicit flag, then the authority and user sets. */
export function policyLines(r: PolicyResult | undefined, oidText: (oid: string) => string): string[] {
  const out = [`Require explicit Policy: ${r?.explicit ? 'True' : 'False'}`];
  for (const [title, set] of [['Authority', r?.authority], ['User', r?.user]] as const) {
    if (set === undefined || set.length === 0) out.push(`${title} Policies: <empty>`);
    else {
      out.push(`${title} Policies:`);
      for (const n of set) out.push(...nodeLines(n, 2, oidText));
    }
  }
  return out;
}

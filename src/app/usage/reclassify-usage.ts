import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { ReclassifyCandidate, ReclassifyFilter, ReclassifyUpdate } from '../ports/usage.ts';
import { conflict, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { Classifier, classOf, defaultSettings } from '../../core/usage/index.ts';
import { UsageIngestor } from './usage-ingestor.ts';
import { checkUsageFilter } from './usage-filter.ts';
import { checkSourceName } from './source-watermarks.ts';

const PAGE = 5_000;

export interface ReclassifyResult {
  /** Records of the source and period whose class rules decided (records that stated theirs are left alone). */
  selected: number;
  changed: number;
  /** Records a rule now ignores: deleted (re-importing the file brings them back if the rule changes again). */
  ignored: number;
  outboundExternal: number;
  outboundInternal: number;
  inbound: number;
  /** Of the changed records, how many found a rate and how many did not. */
  rated: number;
  unrated: number;
  documentsNeedingRegeneration: string[];
}

/**
 * Applies a source's current rules to its stored records of a period [from, to). The guard is the
 * re-rating one: a record on an issued document is never changed in place, so the whole request
 * is refused naming those documents. Changed records are rated again (pre-rated ones keep their
 * price); drafts holding changed or deleted records are flagged for regeneration. One transaction.
 */
export async function reclassifyUsage(
  deps: Deps,
  ctx: CallContext,
  source: string,
  request: { from: string; to: string },
): Promise<ReclassifyResult> {
  const name = checkSourceName(source);
  const period = checkUsageFilter({ from: request.from, to: request.to }, ['from', 'to']);
  const filter: ReclassifyFilter = { source: name, from: period.from!, to: period.to! };
  const ingestor = await UsageIngestor.open(deps, ctx.tenantId, name);
  return deps.uow.run(async (session) => {
    const settings = await session.usage.getSourceSettings(ctx.tenantId, name);
    const classifier = new Classifier(settings ?? defaultSettings());
    // Locks the documents first (before any usage row), in the order generation takes them.
    await refuseIssued(session, ctx.tenantId, filter, true);
    const out: ReclassifyResult = {
      selected: 0,
      changed: 0,
      ignored: 0,
      outboundExternal: 0,
      outboundInternal: 0,
      inbound: 0,
      rated: 0,
      unrated: 0,
      documentsNeedingRegeneration: [],
    };
    const touched = new Set<string>();
    const currencies = new Map<string, string>();
    for (let after: string | null = null; ;) {
      const page = await session.usage.reclassifyCandidates(ctx.tenantId, filter, after, PAGE);
      if (!page.length) break;
      const { updates, deleted } = decide(classifier, page, out);
      await rate(session, ctx.tenantId, ingestor, page, updates, currencies, out);
      await session.usage.applyReclassify(ctx.tenantId, updates);
      for (const id of await session.usage.deleteRecords(ctx.tenantId, deleted)) touched.add(id);
      // A draft must be generated again only when what it bills moved: a class changed or a record went.
      const before = new Map(page.map((r) => [r.id, r]));
      for (const u of updates) {
        const r = before.get(u.id)!;
        if (r.documentId && (u.direction !== r.direction || u.external !== r.external)) touched.add(r.documentId);
      }
      out.selected += page.length;
      after = page[page.length - 1].id;
    }
    // A document that got records of the selection while this ran (and was issued since) is caught
    // here; read without locking, so that a generation waiting on our rows cannot deadlock with us.
    await refuseIssued(session, ctx.tenantId, filter, false);
    out.documentsNeedingRegeneration = await session.usage.markDraftsForRegeneration(ctx.tenantId, [...touched]);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'usage_source',
      objectId: name,
      action: 'usage_reclassified',
      after: { ...filter, ...out },
    });
    return out;
  });
}

async function refuseIssued(session: Session, tenantId: string, f: ReclassifyFilter, lock: boolean) {
  const docs = await session.usage.documentsOf(tenantId, { ...f, reclassifiable: true }, lock);
  const issued = docs.filter((d) => d.status === 'issued').map((d) => d.id);
  if (issued.length) {
    throw conflict(
      'RECLASSIFY_ISSUED_DOCUMENTS',
      `records of this period are on issued documents (${issued.join(', ')}); correct those with a credit note, or narrow the period`,
      { documentIds: issued },
    );
  }
}

/** The new class of each record of a page: unchanged, changed (to update) or ignored (to delete). */
function decide(classifier: Classifier, page: readonly ReclassifyCandidate[], out: ReclassifyResult) {
  const updates: ReclassifyUpdate[] = [];
  const deleted: string[] = [];
  for (const r of page) {
    const decided = classifier.classify(r.cdrFields, r.callee);
    if (decided.ignored) {
      deleted.push(r.id);
      out.ignored++;
      continue;
    }
    out[classOf(decided.direction, decided.external)]++;
    if (decided.direction === r.direction && decided.external === r.external && decided.by === r.classifiedBy) continue;
    updates.push({
      id: r.id,
      direction: decided.direction,
      external: decided.external,
      classifiedBy: decided.by,
      rating: null,
    });
  }
  return { updates, deleted };
}

/** Rates the records whose class changed (not pre-rated ones), with the plans as they are now. */
async function rate(
  session: Session,
  tenantId: string,
  ingestor: UsageIngestor,
  page: readonly ReclassifyCandidate[],
  updates: ReclassifyUpdate[],
  currencies: Map<string, string>,
  out: ReclassifyResult,
) {
  const byId = new Map(page.map((r) => [r.id, r]));
  const moved = updates.filter((u) => {
    const r = byId.get(u.id)!;
    return !r.preRated && (u.direction !== r.direction || u.external !== r.external);
  });
  out.changed += updates.filter((u) => {
    const r = byId.get(u.id)!;
    return u.direction !== r.direction || u.external !== r.external;
  }).length;
  if (!moved.length) return;
  const calls = moved.map((u) => ({
    customerId: byId.get(u.id)!.customerId,
    startedAtMs: Date.parse(byId.get(u.id)!.startedAt),
  }));
  await ingestor.prepareRating(session, calls);
  for (const [i, u] of moved.entries()) {
    const r = byId.get(u.id)!;
    let currency = currencies.get(r.customerId);
    if (currency === undefined) {
      const customer = await session.customers.get(tenantId, r.customerId);
      if (!customer) throw notFound('Customer', r.customerId);
      currencies.set(r.customerId, (currency = customer.currency));
    }
    u.rating = ingestor.rate({ id: r.customerId, currency }, calls[i].startedAtMs, r.callee, r.durationSeconds);
    if (u.rating.rated) out.rated++;
    else out.unrated++;
  }
}

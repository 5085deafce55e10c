import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { demoBillingMonth } from '../demo/demo-data.ts';
import { startOfDay } from '../../core/time/zones.ts';
import { createDestination } from './manage-destinations.ts';
import { createRatePlan } from './manage-rate-plans.ts';
import { createAssignment } from './manage-assignments.ts';
import { ingestUsageRecords } from './ingest-usage-records.ts';
import { setWatermark } from './source-watermarks.ts';
import { putSourceSettings } from './source-settings.ts';
import { seededRandom } from '../../core/random/seeded.ts';

// The demo operator's usage: a realistic destination list, a retail rate plan for every demo
// customer, and last month's calls (the month the demo invoices) pushed through the same batch
// ingestion an integrator calls. One customer also dialled a satellite network the plan does not
// price, so the demo shows unrated calls and the invoice rule that stops on them. The switch
// states no direction: the source's rules classify calls to the customers' own numbers as
// inbound and voicemail codes as ignored, and the default makes extension calls internal, so the
// demo also holds calls that never appear on an invoice.

const DESTINATIONS: Array<[prefix: string, name: string, perMinute: string, fee: string, min: number, inc: number]> = [
  ['349', 'Spain fixed', '0.0120', '0.0000', 0, 60],
  ['348', 'Spain fixed (non-geographic)', '0.0200', '0.0000', 0, 60],
  ['346', 'Spain mobile', '0.0450', '0.0100', 0, 60],
  ['347', 'Spain mobile', '0.0450', '0.0100', 0, 60],
  ['35567', 'Albania mobile', '0.2000', '0.0000', 0, 60],
  ['355', 'Albania', '0.1500', '0.0000', 0, 60],
  ['44', 'United Kingdom', '0.0300', '0.0000', 30, 6],
  ['447', 'United Kingdom mobile', '0.0600', '0.0000', 30, 6],
  ['49', 'Germany', '0.0250', '0.0000', 30, 6],
  ['4915', 'Germany mobile', '0.0700', '0.0000', 30, 6],
  ['33', 'France', '0.0250', '0.0000', 1, 1],
  ['336', 'France mobile', '0.0650', '0.0000', 1, 1],
  ['212', 'Morocco', '0.2500', '0.0500', 60, 60],
  ['2126', 'Morocco mobile', '0.3500', '0.0500', 60, 60],
  ['1', 'United States and Canada', '0.0150', '0.0000', 6, 6],
  ['351', 'Portugal', '0.0300', '0.0000', 1, 1],
];

// Where calls go, by weight: mostly domestic, some international.
const TRAFFIC: Array<[prefix: string, weight: number, digits: number]> = [
  ['349', 30, 9],
  ['346', 25, 9],
  ['347', 8, 9],
  ['35567', 4, 12],
  ['447', 5, 12],
  ['44', 4, 12],
  ['4915', 3, 13],
  ['49', 3, 12],
  ['336', 4, 11],
  ['33', 3, 11],
  ['2126', 3, 12],
  ['1', 5, 11],
  ['351', 3, 12],
];

export function demoUsageStep(deps: Deps, progress: (line: string) => void = () => {}) {
  return async (ctx: CallContext, customerIds: string[]) => {
    for (const [prefix, name] of DESTINATIONS) await createDestination(deps, ctx, { prefix, name });
    const plan = await createRatePlan(deps, ctx, {
      name: 'Retail 2024',
      currency: 'EUR',
      validFrom: '2024-01-01',
      rates: DESTINATIONS.map(([prefix, , pricePerMinute, connectionFee, minimumSeconds, incrementSeconds]) => ({
        prefix,
        pricePerMinute,
        connectionFee,
        minimumSeconds,
        incrementSeconds,
      })),
    });
    const found = await deps.uow.run((s) => s.customers.getMany(ctx.tenantId, customerIds));
    const customers = customerIds.map((id) => found.get(id) ?? null);
    for (const c of customers)
      if (c) await createAssignment(deps, ctx, { customerId: c.id, ratePlanId: plan.id, validFrom: '2024-01-01' });

    const tenant = (await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId)))!;
    const month = demoBillingMonth(deps.clock.now(), tenant.timezone);
    const fromMs = startOfDay(month.start, tenant.timezone).epochMilliseconds;
    const toMs = startOfDay(
      Temporal.PlainDate.from(month.end).add({ days: 1 }).toString(),
      tenant.timezone,
    ).epochMilliseconds;
    const random = seededRandom(20_181_005);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const totalWeight = TRAFFIC.reduce((sum, t) => sum + t[1], 0);
    const ownNumbers = customers.flatMap((c) => c?.numbers.map((n) => n.number) ?? []);
    await putSourceSettings(deps, ctx, 'sw1', {
      format: 'csv',
      internalMaxDigits: 4,
      rules: [
        { field: 'callee', match: 'prefix', pattern: '*', ignore: true, reason: 'voicemail and feature codes' },
        {
          field: 'callee',
          match: 'regex',
          pattern: `^(${ownNumbers.join('|')})$`,
          direction: 'inbound',
          external: true,
        },
      ],
    });
    const records: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 3_000; i++) {
      const customer = customers[i % customers.length]!;
      let roll = random() * totalWeight;
      const [prefix, , digits] = TRAFFIC.find((t) => (roll -= t[1]) < 0) ?? TRAFFIC[0];
      let callee = prefix;
      while (callee.length < digits) callee += String(Math.floor(random() * 10));
      const startedAt = Temporal.Instant.fromEpochMilliseconds(
        fromMs + Math.floor((random() * (toMs - fromMs)) / 1000) * 1000,
      ).toString();
      // Most calls are short, a few are long: like real traffic, and it exercises the minimums.
      const durationSeconds = random() < 0.08 ? Math.floor(random() * 8) : Math.floor(-Math.log(1 - random()) * 150);
      const kind = random();
      const own = pick(customer.numbers)?.number ?? '34910000000';
      // 10 % come in from outside, 12 % are calls between the customer's extensions, 1 % are voicemail.
      const inbound = kind < 0.1 && customer.numbers.length > 0;
      const internal = kind >= 0.1 && kind < 0.22;
      if (inbound) callee = own;
      else if (internal) callee = String(2001 + Math.floor(random() * 98));
      else if (kind >= 0.22 && kind < 0.23) callee = '*97';
      const caller = inbound ? `346${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : own;
      // Switches name customers in different ways: by id, by account code, or only by caller number.
      const who =
        i % 3 === 0
          ? { customerId: customer.id }
          : i % 3 === 1 && customer.accountCode
            ? { accountCode: customer.accountCode }
            : {};
      records.push({
        externalId: `sw1-${String(i).padStart(6, '0')}`,
        source: 'sw1',
        ...who,
        startedAt,
        durationSeconds,
        caller,
        callee,
      });
    }
    // Calls to a satellite network the retail plan does not price: they stay unrated.
    const satellite = customers[2] ?? customers[0]!;
    for (let i = 0; i < 4; i++) {
      const startedAt = Temporal.Instant.fromEpochMilliseconds(fromMs + (i + 3) * 86_400_000 + 36_000_000).toString();
      records.push({
        externalId: `sw1-sat-${i}`,
        source: 'sw1',
        customerId: satellite.id,
        startedAt,
        durationSeconds: 95 + i * 40,
        direction: 'outbound',
        external: true,
        caller: satellite.numbers[0]?.number ?? '34933333333',
        callee: `8816${31000000 + i}`,
      });
    }
    let accepted = 0;
    const classes = { outboundExternal: 0, outboundInternal: 0, inbound: 0, ignored: 0 };
    for (let i = 0; i < records.length; i += 1_000) {
      const result = await ingestUsageRecords(deps, ctx, records.slice(i, i + 1_000), 'sw1');
      accepted += result.accepted;
      for (const key of Object.keys(classes) as Array<keyof typeof classes>) classes[key] += result.classes[key];
    }
    await setWatermark(deps, ctx, 'sw1', Temporal.Instant.fromEpochMilliseconds(toMs).toString());
    progress(
      `demo: ${DESTINATIONS.length} destinations, rate plan "${plan.name}", ${accepted} calls of ${month.start}..${month.end}: ${classes.outboundExternal} outbound external (4 to a satellite network stay unrated), ${classes.outboundInternal} internal, ${classes.inbound} inbound, ${classes.ignored} voicemail codes ignored`,
    );
  };
}

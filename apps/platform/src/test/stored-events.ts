import { PGlite } from '@electric-sql/pglite';
import { LOG_START, type RecordedEvent } from '@spn/event-store';
import {
  loadConfig,
  openEventStore,
  PersonalData,
  personalFieldsWith,
  subjectOfStream,
} from '@spn/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Every event in a stopped platform's store, in log order: the end-to-end tests read what was written
 * once the services have stopped (PGlite admits one process at a time).
 */
export async function storedEvents(env: Readonly<Record<string, string>>): Promise<RecordedEvent[]> {
  const store = await openEventStore(loadConfig({ ...env, SPN_SEALER: 'off' }));
  try {
    const events: RecordedEvent[] = [];
    for (let checkpoint = LOG_START; ;) {
      const page = await store.readLog(checkpoint, 1000);
      if (page.events.length === 0) return events;
      events.push(...page.events);
      checkpoint = page.checkpoint;
    }
  } finally {
    await store.close();
  }
}

/** Every row of every table of the services' read models, as text: what a projection kept. */
export async function readModelDump(env: Readonly<Record<string, string>>): Promise<string> {
  const dumpAll = async (query: (sql: string) => Promise<Record<string, unknown>[]>) => {
    const tables = await query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    const rows = await Promise.all(
      tables.map(async (table) =>
        JSON.stringify(await query(`SELECT * FROM "${String(table['table_name'])}"`)),
      ),
    );
    return rows.join('\n');
  };
  if (env['SPN_MODE'] === 'distributed') {
    const client = new Client({ connectionString: env['DATABASE_URL'] });
    await client.connect();
    try {
      return await dumpAll(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
    } finally {
      await client.end();
    }
  }
  const root = join(env['SPN_DATA_DIR'] ?? 'data', 'read-models');
  const dumps: string[] = [];
  for (const service of await readdir(root)) {
    const db = await PGlite.create(join(root, service));
    try {
      dumps.push(await dumpAll(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows));
    } finally {
      await db.close();
    }
  }
  return dumps.join('\n');
}

/** One record read from a topic: where it is, its value and its headers (as text). */
export interface WireRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Every record on the given Kafka topics, from the start, in offset order per partition: those of
 * committed transactions, as the services read them; `readUncommitted`, every record written (those
 * of aborted or fenced transactions too).
 */
export async function wireRecords(
  brokers: readonly string[],
  topics: readonly string[],
  options: { readUncommitted?: boolean } = {},
): Promise<WireRecord[]> {
  const kafka = new Kafka({ clientId: 'scan', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const expected = new Map<string, number>();
  try {
    for (const topic of topics)
      for (const partition of await admin.fetchTopicOffsets(topic))
        expected.set(`${topic}/${partition.partition}`, Number(partition.high));
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({
    groupId: `scan-${randomUUID()}`,
    readUncommitted: options.readUncommitted ?? false,
  });
  const seen: WireRecord[] = [];
  const read = new Map<string, number>();
  // A batch tells the offset it reached, transaction markers included (the end is past the last one).
  let reached: () => void = () => undefined;
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    read.set(`${payload.topic}/${payload.partition}`, Number(payload.lastOffset) + 1);
    reached();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((done, fail) => {
      const finished = () => [...expected].every(([key, high]) => (read.get(key) ?? 0) >= high);
      if (finished()) done();
      const timer = setTimeout(() => {
        fail(new Error('wireRecords: the topics were not read to their end in 60 s'));
      }, 60_000);
      reached = () => {
        if (finished()) {
          clearTimeout(timer);
          done();
        }
      };
      void consumer
        .run({
          eachMessage: ({ topic, partition, message }) => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(message.headers ?? {}))
              if (value !== undefined)
                headers[name] = (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
            seen.push({
              topic,
              partition,
              offset: Number(message.offset),
              value: message.value?.toString() ?? '',
              headers,
            });
            return Promise.resolve();
          },
        })
        .catch(fail);
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

/** Every record written on the given Kafka topics (aborted ones too), from the start, as text (value and headers). */
export async function kafkaRecords(brokers: readonly string[], topics: readonly string[]): Promise<string> {
  return (await wireRecords(brokers, topics, { readUncommitted: true }))
    .flatMap((record) => [record.value, JSON.stringify(record.headers)])
    .join('\n');
}

/** Streams as the services read them: personal fields decrypted, or null where the subject was erased. */
export async function openedStreams(
  env: Readonly<Record<string, string>>,
  streamIds: readonly string[],
): Promise<Map<string, { type: string; data: Record<string, unknown> }[]>> {
  const store = await openEventStore(loadConfig({ ...env, SPN_SEALER: 'off' }));
  try {
    const personal = new PersonalData(store.keys, personalFieldsWith());
    const opened = new Map<string, { type: string; data: Record<string, unknown> }[]>();
    for (const streamId of streamIds) {
      const events = (await store.readStream(streamId)).map((e) => ({ type: e.type, data: e.data }));
      opened.set(streamId, await personal.open(subjectOfStream(streamId), events));
    }
    return opened;
  } finally {
    await store.close();
  }
}

/**
 * Distributed mode, running: resolves once the relay has published the whole log and every consumer
 * group has committed every record of its topics (twice in a row, since handling appends again), so
 * a read model compared with a rebuild is not merely behind.
 */
export async function distributionSettled(
  databaseUrl: string,
  brokers: readonly string[],
  timeoutMs = 180_000,
) {
  const database = new Client({ connectionString: databaseUrl });
  database.on('error', () => undefined);
  await database.connect();
  const kafka = new Kafka({ clientId: 'settled', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const behind = async (): Promise<string[]> => {
    const lagging: string[] = [];
    const { rows } = await database.query<{ relayed: string | null; last: string | null }>(
      `SELECT (SELECT global_position::text FROM subscription_checkpoints WHERE subscription_id = 'relay') AS relayed,
              (SELECT max(global_position)::text FROM events) AS last`,
    );
    if (Number(rows[0]?.relayed ?? 0) < Number(rows[0]?.last ?? 0)) lagging.push('relay');
    const { groups } = await admin.listGroups();
    for (const { groupId } of groups)
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const high = new Map(
          (await admin.fetchTopicOffsets(topic)).map((offset) => [offset.partition, Number(offset.high)]),
        );
        for (const { partition, offset } of partitions)
          if (Number(offset) < (high.get(partition) ?? 0)) lagging.push(`${groupId} ${topic}/${partition}`);
      }
    return lagging;
  };
  try {
    const deadline = Date.now() + timeoutMs;
    for (let quiet = 0; quiet < 2;) {
      const lagging = await behind();
      quiet = lagging.length === 0 ? quiet + 1 : 0;
      if (Date.now() > deadline) throw new Error(`distribution not settled: ${lagging.join(', ')}`);
      await new Promise((wait) => setTimeout(wait, 1000));
    }
  } finally {
    await admin.disconnect();
    await database.end();
  }
}

import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/**
 * How many offsets a topic has used in all (the sum of its partitions' high-water marks): every record
 * written, aborted ones and transaction markers too. {@link topicRecords} tells which are committed.
 */
export async function wireCount(brokers: readonly string[], topic: string): Promise<number> {
  const admin = new Kafka({
    clientId: 'wire-count',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** One record of a topic: where it is and its headers (as text). */
export interface TopicRecord {
  readonly partition: number;
  readonly offset: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Every record of a topic, read to its end: those of committed transactions (and plain publishes), as
 * the platform's consumers read; or, `readUncommitted`, every record written, aborted ones too. The end
 * is each partition's high-water mark as the read starts, which counts transaction markers: a batch
 * tells the offset it reached, markers included, where its records cannot.
 */
export async function topicRecords(
  brokers: readonly string[],
  topic: string,
  options: { readUncommitted?: boolean; timeoutMs?: number } = {},
): Promise<TopicRecord[]> {
  const kafka = new Kafka({ clientId: 'topic-reader', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const end = new Map<number, number>();
  try {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic)) end.set(partition, Number(high));
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({
    groupId: `topic-reader-${randomUUID()}`,
    readUncommitted: options.readUncommitted ?? false,
  });
  const records: TopicRecord[] = [];
  const reached = new Map<number, number>();
  const finished = () => [...end].every(([partition, high]) => (reached.get(partition) ?? 0) >= high);
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    reached.set(payload.partition, Number(payload.lastOffset) + 1);
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {}))
          if (value !== undefined)
            headers[name] = (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
        records.push({ partition, offset: Number(message.offset), headers });
        return Promise.resolve();
      },
    });
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    while (!finished()) {
      if (Date.now() > deadline) throw new Error(`${topic} was not read to its end`);
      await new Promise((wait) => setTimeout(wait, 50));
    }
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

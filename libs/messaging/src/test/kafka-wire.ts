import { Kafka, logLevel } from 'kafkajs';

/** How many records a topic holds in all (the sum of its partitions' high-water marks): what is on the wire. */
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

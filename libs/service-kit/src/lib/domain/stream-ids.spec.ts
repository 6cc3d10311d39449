import { organizationStreamId, recordIdOfStream } from './stream-ids';

describe('stream ids of records an organization numbers itself', () => {
  it('name the organization, so the same id of two organizations is two streams', () => {
    const fraser = organizationStreamId('incident', 'fraser-north-health', '1');
    const island = organizationStreamId('incident', 'island-coast-health', '1');
    expect(fraser).toBe('incident-19:fraser-north-health-1');
    // Dashes in organization ids cannot make two organizations' streams meet.
    expect(organizationStreamId('incident', 'fraser', 'north-health-1')).not.toBe(fraser);
    expect(island).not.toBe(fraser);
  });

  it("give back the caller's id only for the stream's own category and organization", () => {
    const stream = organizationStreamId('incident', 'fraser-north-health', 'a-1');
    expect(recordIdOfStream(stream, 'incident', 'fraser-north-health')).toBe('a-1');
    expect(recordIdOfStream(stream, 'incident', 'fraser')).toBeNull();
    expect(recordIdOfStream(stream, 'supervision', 'fraser-north-health')).toBeNull();
    expect(recordIdOfStream('incident-a-1', 'incident', 'fraser-north-health')).toBeNull();
    expect(
      recordIdOfStream('incident-19:fraser-north-health-', 'incident', 'fraser-north-health'),
    ).toBeNull();
    expect(recordIdOfStream('incident-fraser-north-health-1', 'incident', 'fraser-north-health')).toBeNull();
  });
});

import { z } from 'zod';
import {
  ALL_CONTRACTS,
  CLIENT_DETAILS_REGISTERED,
  clientDetailsRegistered,
  contractBreaches,
} from '../index';
import { dataOf, defineContract } from './define-contract';

describe('defineContract', () => {
  const details = {
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1990-01-01',
    preferredLanguage: null,
  };

  it('accepts personal fields sealed in the log, and their clear values', () => {
    const sealed = {
      givenName: 'pd1:a',
      familyName: 'pd1:b',
      dateOfBirth: 'pd1:c',
      preferredLanguage: 'pd1:d',
    };
    expect(clientDetailsRegistered.schema.safeParse(sealed).success).toBe(true);
    expect(clientDetailsRegistered.schema.safeParse(details).success).toBe(true);
  });

  it('keeps the rest of the data as the producer decides it', () => {
    expect(clientDetailsRegistered.schema.safeParse({ ...details, givenName: 42 }).success).toBe(false);
    expect(clientDetailsRegistered.data.safeParse({ ...details, givenName: 'pd1:a' }).success).toBe(true);
  });

  it('refuses a contract that lacks a field declared personal', () => {
    expect(() =>
      defineContract({ type: CLIENT_DETAILS_REGISTERED, version: 9, data: { givenName: z.string() } }),
    ).toThrow('familyName');
  });

  it('reads a message of its type, and refuses another', () => {
    const message = { type: CLIENT_DETAILS_REGISTERED, data: details };
    expect(dataOf(clientDetailsRegistered, message).givenName).toBe('Ada');
    expect(() => dataOf(clientDetailsRegistered, { ...message, type: 'clients.ClientErased' })).toThrow(
      'cannot be read as',
    );
  });
});

describe('contractBreaches', () => {
  const event = {
    type: CLIENT_DETAILS_REGISTERED,
    data: { givenName: 'Ada', familyName: 'L', dateOfBirth: null, preferredLanguage: null },
  };

  it('finds nothing wrong with an event as its contract gives it', () => {
    expect(contractBreaches(ALL_CONTRACTS, event)).toEqual([]);
  });

  it('names a missing, a mistyped and an unlisted field', () => {
    const broken = { givenName: 'Ada', dateOfBirth: 19900101, preferredLanguage: null, nickname: 'x' };
    expect(contractBreaches(ALL_CONTRACTS, { ...event, data: broken })).toEqual([
      'familyName',
      'dateOfBirth',
      'nickname',
    ]);
  });

  it('wants the newest version', () => {
    expect(contractBreaches(ALL_CONTRACTS, { ...event, schemaVersion: 2 })).toEqual(['schemaVersion']);
  });

  it('has nothing to say about a type no other context reads', () => {
    expect(contractBreaches(ALL_CONTRACTS, { type: 'clients.SupportPersonRemoved', data: {} })).toEqual([]);
  });
});

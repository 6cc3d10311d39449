import { z } from 'zod';
import { CLIENT_REFERRED, createContractRegistry } from '../index';
import { ContractRegistry, ContractViolation } from './contract';

describe('contracts', () => {
  const registry = createContractRegistry();
  const v1 = { clientId: 'client-1', referrerOrganizationId: 'org-clinic', needs: ['food'] };

  it('validates a message as the version it claims', () => {
    expect(registry.validate(CLIENT_REFERRED, 1, v1)).toEqual(v1);
  });

  it('upcasts an old version to the newest, validating each step', () => {
    expect(registry.toNewest(CLIENT_REFERRED, 1, v1)).toEqual({
      version: 2,
      data: { ...v1, urgency: 'routine' },
    });
  });

  it('names the invalid fields, not their values', () => {
    const caught = (() => {
      try {
        registry.validate(CLIENT_REFERRED, 2, { ...v1, needs: [''], urgency: 'soon' });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(caught).toBeInstanceOf(ContractViolation);
    expect((caught as ContractViolation).fields).toEqual(['needs.0', 'urgency']);
    expect((caught as Error).message).not.toContain('soon');
  });

  it('refuses an unknown type or version', () => {
    expect(() => registry.validate('clients.Unknown', 1, {})).toThrow('no contract is registered');
    expect(() => registry.validate(CLIENT_REFERRED, 9, v1)).toThrow('no contract is registered');
  });

  it('refuses a registry with a gap in its upcasters', () => {
    const schema = z.object({});
    expect(
      () =>
        new ContractRegistry([
          { type: 'x.Y', version: 1, schema },
          { type: 'x.Y', version: 2, schema },
        ]),
    ).toThrow('x.Y v1 has no upcaster to v2');
  });
});

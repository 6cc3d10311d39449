import { HttpStatus } from '@nestjs/common';
import { AuthorizationError } from '@spn/auth';
import { DomainError } from '../domain/decider';
import { restErrorOf } from './rest-errors';

const answerOf = (error: unknown) => {
  const answer = restErrorOf('test', error);
  return { status: answer.getStatus(), body: answer.getResponse() };
};

describe('restErrorOf', () => {
  it('answers a domain error 400 with its code and field', () => {
    expect(answerOf(new DomainError('INVALID_DAY', 'not a calendar day', 'followUpOn'))).toEqual({
      status: HttpStatus.BAD_REQUEST,
      body: {
        errors: [{ message: 'not a calendar day', extensions: { code: 'INVALID_DAY', field: 'followUpOn' } }],
      },
    });
  });

  it('answers a refused role 403', () => {
    expect(answerOf(new AuthorizationError('no', 'role')).status).toBe(HttpStatus.FORBIDDEN);
  });

  it('answers a database short of connections 503 UNAVAILABLE, to be retried, without its message', () => {
    const tooManyConnections = Object.assign(new Error('sorry, too many clients already'), { code: '53300' });
    expect(answerOf(tooManyConnections)).toEqual({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: {
        errors: [
          {
            message: 'The database cannot serve this request now: retry it',
            extensions: { code: 'UNAVAILABLE' },
          },
        ],
      },
    });
  });

  it('masks anything else as 500 INTERNAL: its message could hold internals', () => {
    const answer = answerOf(
      Object.assign(new Error('duplicate key value violates "clients_pkey" (Ada)'), { code: '23505' }),
    );
    expect(answer).toEqual({
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL' } }] },
    });
  });
});

// OCPP 1.6 booleans are "true" and "false" in lower case: a value typed for a true/false key in another
// case (TRUE, False) is refused, saying to type it in lower case; lower case goes, spaces around it taken off.
import { describe, expect, it } from 'vitest';
import { configurationValueProblem, configurationValueToSend } from '../../../src/shared/ocpp16/configuration-values';

describe('a value typed for a true/false key', () => {
  it('is refused in any case but lower, saying to type it in lower case', () => {
    expect(configurationValueProblem('AuthorizeRemoteTxRequests', 'TRUE')).toBe('AuthorizeRemoteTxRequests is true or false: type true in lower case (OCPP 1.6 booleans are lower case)');
    expect(configurationValueProblem('LocalPreAuthorize', ' False ')).toBe('LocalPreAuthorize is true or false: type false in lower case (OCPP 1.6 booleans are lower case)');
    expect(configurationValueProblem('authorizeremotetxrequests', 'tRUE')).toMatch(/: type true in lower case/);
  });

  it('goes in lower case, without the spaces around it', () => {
    for (const good of ['true', 'false', ' true ']) expect(configurationValueProblem('AuthorizeRemoteTxRequests', good), good).toBeNull();
    expect(configurationValueToSend('AuthorizeRemoteTxRequests', ' true ')).toBe('true');
  });

  it('that is no boolean at all says only what the key takes', () => {
    expect(configurationValueProblem('AuthorizeRemoteTxRequests', 'yes')).toBe('AuthorizeRemoteTxRequests is true or false');
  });
});

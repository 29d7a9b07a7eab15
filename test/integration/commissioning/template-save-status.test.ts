// POST /api/commissioning-templates says whether it made a template or replaced one: 201 for a new name,
// 200 when a saved template of that name is replaced (its content then the new one's); a built-in's name
// is still refused.
import { describe, expect, it } from 'vitest';
import { useTestBench } from '../../helpers/bench';
import { builtInTemplates } from '../../../src/shared/api/commissioning';

const tb = useTestBench();

describe('saving a commissioning template over the API', () => {
  it('answers 201 for a new name and 200 for a replace', async () => {
    const first = await tb.request('POST', '/api/commissioning-templates', { name: 'T1', keys: { HeartbeatInterval: '300' } });
    expect(first).toMatchObject({ status: 201, body: { name: 'T1', keys: { HeartbeatInterval: '300' } } });
    const again = await tb.request('POST', '/api/commissioning-templates', { name: 'T1', keys: { HeartbeatInterval: '600' } });
    expect(again).toMatchObject({ status: 200, body: { name: 'T1', keys: { HeartbeatInterval: '600' } } });
    const listed = (await tb.request('GET', '/api/commissioning-templates')).body as { saved: Array<{ name: string; keys: Record<string, string> }> };
    expect(listed.saved.filter((t) => t.name === 'T1')).toEqual([expect.objectContaining({ keys: { HeartbeatInterval: '600' } })]);
    expect(await tb.request('POST', '/api/commissioning-templates', { name: 'T2' })).toMatchObject({ status: 201 });
    expect(await tb.request('POST', '/api/commissioning-templates', { name: builtInTemplates[0]!.name })).toMatchObject({ status: 400, body: { field: 'name' } });
    expect(await tb.request('POST', '/api/commissioning-templates', { name: '' })).toMatchObject({ status: 400 });
  });
});

import { type TaskList, taskListSchema, workspaceSummarySchema } from '@atergang/contracts';
import { api, ApiError, apiNoContent } from '../src/lib/api';

// The client's calls are typed by the route's contract schema. The API has already parsed
// the body with that schema on its way out, so the client hands it on as it came.

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('calls to the API', () => {
  const fetchMock = jest.spyOn(globalThis, 'fetch');

  afterEach(() => {
    fetchMock.mockReset();
  });

  afterAll(() => {
    fetchMock.mockRestore();
  });

  it('types the body by the contract and hands it on without parsing it again', async () => {
    // Not a valid TaskList (a parse would refuse it): the body is passed on as the API sent it.
    fetchMock.mockResolvedValueOnce(json({ tasks: [], withheld: [], later: 'a newer field' }));
    const list: TaskList = await api('/workspaces/w/tasks', taskListSchema);
    expect(list).toEqual({ tasks: [], withheld: [], later: 'a newer field' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/workspaces/w/tasks',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('types a list by `[schema]`', async () => {
    fetchMock.mockResolvedValueOnce(json([{ id: 'a' }, { id: 'b' }]));
    const list = await api('/workspaces', [workspaceSummarySchema]);
    expect(list.map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('sends a JSON body with the method asked for', async () => {
    fetchMock.mockResolvedValueOnce(json({ tasks: [], withheld: [] }));
    await api('/workspaces/w/tasks', taskListSchema, { method: 'POST', body: { title: 'x' } });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/workspaces/w/tasks',
      expect.objectContaining({ method: 'POST', body: '{"title":"x"}' }),
    );
  });

  it('answers a 204 route with nothing', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(apiNoContent('/auth/logout-all', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('turns a refusal into an ApiError carrying the problem', async () => {
    fetchMock.mockResolvedValueOnce(
      json(
        { type: 't', title: 'Not Found', status: 404, detail: 'd', code: 'NOT_FOUND' },
        404,
        'application/problem+json',
      ),
    );
    const refusal: unknown = await api('/workspaces/w/tasks', taskListSchema).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).problem?.code).toBe('NOT_FOUND');
  });
});

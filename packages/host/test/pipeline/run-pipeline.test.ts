import { describe, expect, it } from 'vitest';
import { NO_JOIN, PREPARED, abortWith, type Participant } from '../../src/pipeline/participant.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';

interface Trace {
  readonly events: string[];
}

function recorder(name: string, vote: 'prepared' | 'no-join' | 'abort' | 'throw'): Participant<Trace> {
  return {
    name,
    prepare(context) {
      context.events.push(`${name}.prepare`);
      if (vote === 'throw') throw new Error('disk on fire');
      if (vote === 'abort') return abortWith('51', 'insufficient funds');
      return vote === 'prepared' ? PREPARED : NO_JOIN;
    },
    commit(context) {
      context.events.push(`${name}.commit`);
    },
    abort(context) {
      context.events.push(`${name}.abort`);
    },
  };
}

describe('runPipeline', () => {
  it('commits every joined participant in order when all prepare', async () => {
    const trace: Trace = { events: [] };
    const outcome = await runPipeline(
      [recorder('a', 'prepared'), recorder('b', 'no-join'), recorder('c', 'prepared')],
      trace,
    );
    expect(outcome).toEqual({ committed: true });
    expect(trace.events).toEqual(['a.prepare', 'b.prepare', 'c.prepare', 'a.commit', 'c.commit']);
  });

  it('stops at an abort vote and aborts the joined participants in reverse order', async () => {
    const trace: Trace = { events: [] };
    const outcome = await runPipeline(
      [
        recorder('a', 'prepared'),
        recorder('b', 'prepared'),
        recorder('c', 'abort'),
        recorder('d', 'prepared'),
      ],
      trace,
    );
    expect(outcome).toEqual({
      committed: false,
      responseCode: '51',
      reason: 'insufficient funds',
      abortedBy: 'c',
    });
    expect(trace.events).toEqual(['a.prepare', 'b.prepare', 'c.prepare', 'b.abort', 'a.abort']);
  });

  it('turns a participant that throws into a 96 fault and still aborts the others', async () => {
    const trace: Trace = { events: [] };
    const outcome = await runPipeline([recorder('a', 'prepared'), recorder('b', 'throw')], trace);
    expect(outcome.committed).toBe(false);
    if (outcome.committed) return;
    expect(outcome.responseCode).toBe('96');
    expect(outcome.abortedBy).toBe('b');
    expect(outcome.reason).toBe('b failed: disk on fire');
    expect(outcome.error).toBeInstanceOf(Error);
    expect(trace.events).toEqual(['a.prepare', 'b.prepare', 'a.abort']);
  });

  it('reports a commit that throws and keeps committing the rest', async () => {
    const trace: Trace = { events: [] };
    const failing: Participant<Trace> = {
      name: 'failing',
      prepare: () => PREPARED,
      commit: () => {
        throw new Error('bug');
      },
    };
    const errors: string[] = [];
    const outcome = await runPipeline([failing, recorder('b', 'prepared')], trace, (name, phase) =>
      errors.push(`${name}.${phase}`),
    );
    expect(outcome).toEqual({ committed: true });
    expect(errors).toEqual(['failing.commit']);
    expect(trace.events).toEqual(['b.prepare', 'b.commit']);
  });
  it('awaits an asynchronous commit or abort before the next, and reports one that rejects', async () => {
    const trace: Trace = { events: [] };
    const slow = (name: string, fail: boolean): Participant<Trace> => ({
      name,
      prepare(context) {
        context.events.push(`${name}.prepare`);
        return PREPARED;
      },
      async commit(context) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        context.events.push(`${name}.commit`);
        if (fail) throw new Error('late bug');
      },
      async abort(context) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        context.events.push(`${name}.abort`);
        if (fail) throw new Error('late bug');
      },
    });
    const errors: string[] = [];
    const onError = (name: string, phase: string): void => void errors.push(`${name}.${phase}`);
    const committed = await runPipeline(
      [slow('a', true), recorder('b', 'prepared'), slow('c', false)],
      trace,
      onError,
    );
    expect(committed).toEqual({ committed: true });
    expect(trace.events).toEqual(['a.prepare', 'b.prepare', 'c.prepare', 'a.commit', 'b.commit', 'c.commit']);

    trace.events.length = 0;
    const aborted = await runPipeline(
      [slow('a', false), slow('b', true), recorder('c', 'abort')],
      trace,
      onError,
    );
    expect(aborted.committed).toBe(false);
    expect(trace.events).toEqual(['a.prepare', 'b.prepare', 'c.prepare', 'b.abort', 'a.abort']);
    expect(errors).toEqual(['a.commit', 'b.abort']);
  });
});

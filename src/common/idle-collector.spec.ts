import { EventEmitter } from 'node:events';
import { IdleCollector } from './idle-collector';

describe('IdleCollector', () => {
  /** A collector watching a stand-in server (its timer is unref'd and stopped when the server closes). */
  const watched = (idleMs: number, gc?: () => void) => {
    const server = new EventEmitter();
    const collector = new IdleCollector(idleMs, gc);
    collector.watch(server);
    return { collector, request: () => server.emit('request'), close: () => server.emit('close') };
  };

  it('collects once after busy time, on the first tick without a request, and not again while idle', () => {
    const gc = jest.fn();
    const { collector, request, close } = watched(1000, gc);
    collector.tick();
    expect(gc).not.toHaveBeenCalled(); // never busy: nothing to give back
    request();
    request();
    collector.tick();
    expect(gc).not.toHaveBeenCalled(); // requests since the last tick: still busy
    collector.tick();
    expect(gc).toHaveBeenCalledTimes(1);
    collector.tick();
    collector.tick();
    expect(gc).toHaveBeenCalledTimes(1);
    request();
    collector.tick();
    collector.tick();
    expect(gc).toHaveBeenCalledTimes(2);
    expect(collector.runs).toBe(2);
    close();
  });

  it("runs V8's collector without --expose-gc on the command line, and gives old-space garbage back", () => {
    const { collector, request, close } = watched(1000);
    let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `item ${i}` }));
    garbage = undefined;
    expect(garbage).toBeUndefined();
    request();
    collector.tick();
    const before = process.memoryUsage().heapUsed;
    collector.tick();
    expect(collector.runs).toBe(1);
    expect(process.memoryUsage().heapUsed).toBeLessThan(before);
    close();
  });

  it('checks every idleMs until the server closes, and never with 0', () => {
    jest.useFakeTimers();
    try {
      const on = jest.fn();
      const off = jest.fn();
      const started = watched(1000, on);
      const disabled = watched(0, off);
      started.request();
      disabled.request();
      jest.advanceTimersByTime(2500);
      expect(on).toHaveBeenCalledTimes(1);
      expect(off).not.toHaveBeenCalled();
      started.close();
      started.request();
      jest.advanceTimersByTime(5000);
      expect(on).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});

import { IdleCollector } from './idle-collector';

describe('IdleCollector', () => {
  const request = (collector: IdleCollector) =>
    collector.middleware({} as never, {} as never, () => undefined);

  it('collects once after busy time, on the first tick without a request, and not again while idle', () => {
    const gc = jest.fn();
    const collector = new IdleCollector(1000, gc);
    collector.tick();
    expect(gc).not.toHaveBeenCalled(); // never busy: nothing to give back
    request(collector);
    request(collector);
    collector.tick();
    expect(gc).not.toHaveBeenCalled(); // requests since the last tick: still busy
    collector.tick();
    expect(gc).toHaveBeenCalledTimes(1);
    collector.tick();
    collector.tick();
    expect(gc).toHaveBeenCalledTimes(1);
    request(collector);
    collector.tick();
    collector.tick();
    expect(gc).toHaveBeenCalledTimes(2);
    expect(collector.runs).toBe(2);
  });

  it("runs V8's collector without --expose-gc on the command line, and gives old-space garbage back", () => {
    const collector = new IdleCollector(1000);
    let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `item ${i}` }));
    garbage = undefined;
    expect(garbage).toBeUndefined();
    request(collector);
    collector.tick();
    const before = process.memoryUsage().heapUsed;
    collector.tick();
    expect(collector.runs).toBe(1);
    expect(process.memoryUsage().heapUsed).toBeLessThan(before);
  });

  it('checks every idleMs once started, and never with 0', () => {
    jest.useFakeTimers();
    try {
      const on = jest.fn();
      const off = jest.fn();
      const started = new IdleCollector(1000, on);
      const disabled = new IdleCollector(0, off);
      started.start();
      disabled.start();
      request(started);
      request(disabled);
      jest.advanceTimersByTime(2500);
      expect(on).toHaveBeenCalledTimes(1);
      expect(off).not.toHaveBeenCalled();
      started.stop();
      request(started);
      jest.advanceTimersByTime(5000);
      expect(on).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});

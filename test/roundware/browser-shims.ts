/**
 * The browser globals `roundware-web-framework` touches, shimmed for Node, and nothing else:
 *  - `window` (the library reads `window.navigator` and takes `window` as its `windowScope`: `location`
 *    for URL parameters, `document.body` and `addEventListener` to unlock audio on a click, timers);
 *  - `navigator` (`userAgent` for the session's `client_system`, `platform`, `geolocation` with
 *    `getCurrentPosition`/`watchPosition`, which the test drives to move the listener);
 *  - `Audio` (each mixer track plays through an HTMLAudioElement: `FakeAudio`);
 *  - `localStorage` (its listen history persists through localforage, which needs one storage driver);
 *  - `AudioContext`: the library builds it through `standardized-audio-context`, which wraps the
 *    browser's native nodes; the test replaces that module by `FakeAudioContext` (`jest.mock`), the one
 *    place the library creates audio.
 * `fetch` is Node's own: every request the library makes goes over a real socket to the app.
 */

class FakeAudioParam {
  constructor(public value: number) {}
  setValueAtTime(value: number) {
    this.value = value;
    return this;
  }
  linearRampToValueAtTime(value: number) {
    this.value = value;
    return this;
  }
  exponentialRampToValueAtTime(value: number) {
    this.value = value;
    return this;
  }
  setTargetAtTime(value: number) {
    this.value = value;
    return this;
  }
  cancelScheduledValues() {
    return this;
  }
}

class FakeAudioNode {
  gain = new FakeAudioParam(1);
  pan = new FakeAudioParam(0);
  positionX = new FakeAudioParam(0);
  positionY = new FakeAudioParam(0);
  positionZ = new FakeAudioParam(0);
  connect<T>(node: T): T {
    return node;
  }
  disconnect(): void {}
}

/** The subset of `AudioContext` the library's mixer calls. */
export class FakeAudioContext {
  state = 'suspended';
  currentTime = 0;
  sampleRate = 44100;
  destination = new FakeAudioNode();
  listener = new FakeAudioNode();
  createGain() {
    return new FakeAudioNode();
  }
  createStereoPanner() {
    return new FakeAudioNode();
  }
  createPanner() {
    return new FakeAudioNode();
  }
  createMediaElementSource() {
    return new FakeAudioNode();
  }
  resume() {
    this.state = 'running';
    return Promise.resolve();
  }
  suspend() {
    this.state = 'suspended';
    return Promise.resolve();
  }
  close() {
    this.state = 'closed';
    return Promise.resolve();
  }
  addEventListener(): void {}
  removeEventListener(): void {}
}

type Listener = (event: { type: string }) => void;

/**
 * `Audio` (HTMLAudioElement): the mixer's tracks play through one each. `play()` resolves and fires
 * `playing`, `pause()` fires `pause`, as a browser does once media is loaded; no sound is decoded.
 */
export class FakeAudio {
  src = '';
  crossOrigin: string | null = null;
  loop = false;
  volume = 1;
  currentTime = 0;
  paused = true;
  private listeners = new Map<string, Set<Listener>>();
  addEventListener(type: string, listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }
  private fire(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ type });
  }
  play(): Promise<void> {
    this.paused = false;
    setTimeout(() => this.fire('playing'), 0);
    return Promise.resolve();
  }
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    setTimeout(() => this.fire('pause'), 0);
  }
  load(): void {}
}

export interface Coordinates {
  latitude: number;
  longitude: number;
}

type PositionCallback = (position: { coords: Coordinates; timestamp: number }) => void;

/** `navigator.geolocation` whose position the test sets (`moveTo`). */
export class FakeGeolocation {
  private watchers = new Map<number, PositionCallback>();
  private nextId = 1;
  constructor(private coords: Coordinates) {}
  getCurrentPosition(success: PositionCallback): void {
    setTimeout(() => success({ coords: { ...this.coords }, timestamp: Date.now() }), 0);
  }
  watchPosition(success: PositionCallback): number {
    const id = this.nextId++;
    this.watchers.set(id, success);
    return id;
  }
  clearWatch(id: number): void {
    this.watchers.delete(id);
  }
  moveTo(coords: Coordinates): void {
    this.coords = coords;
    for (const watcher of this.watchers.values()) watcher({ coords: { ...coords }, timestamp: Date.now() });
  }
}

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) sessions-hub-real-client-test';

/** Installs the globals (before the library is loaded); returns what the test drives and the undo. */
export function installBrowserShims(origin: string, start: Coordinates) {
  const g = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const define = (name: string, value: unknown) => {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  };
  const geolocation = new FakeGeolocation(start);
  const body = { addEventListener() {}, removeEventListener() {} };
  define('navigator', { userAgent: USER_AGENT, platform: 'Linux x86_64', geolocation });
  define('document', { body, addEventListener() {}, removeEventListener() {} });
  define('location', new URL(`${origin}/`));
  define('localStorage', new MemoryStorage());
  define('AudioContext', FakeAudioContext);
  define('Audio', FakeAudio);
  // the tracks wait for a first click/touch on the window before they play (the browsers' autoplay rule)
  define('addEventListener', () => {});
  define('removeEventListener', () => {});
  define('window', g);
  return {
    geolocation,
    restore() {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete g[name];
      }
    },
  };
}

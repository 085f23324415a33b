// Talks to the JSON tree's worker: each request gets the reply with its id. Once the client is closed, nothing it
// was asked settles any more, so a view that closed it never hears from it again.
import type { Reply, Request } from "../workers/json.worker";

type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export class JsonClient {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private closed = false;

  constructor() {
    this.worker = new Worker(new URL("../workers/json.worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (event: MessageEvent<Reply>) => {
      const done = this.waiting.get(event.data.id);
      this.waiting.delete(event.data.id);
      done?.(event.data);
    };
  }

  ask(request: Ask, transfer: Transferable[] = []): Promise<Reply> {
    const id = ++this.next;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  /** `work`'s outcome while this client is open; after `close`, it never settles. */
  settle<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      work.then(
        (value) => !this.closed && resolve(value),
        (error: unknown) => !this.closed && reject(error),
      );
    });
  }

  close() {
    this.closed = true;
    this.worker.terminate();
    this.waiting.clear();
  }
}

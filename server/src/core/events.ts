type Handler = (payload: unknown) => void | Promise<void>;

/** Side effects (alerts, statistics) subscribe here; delivery happens after the writer's commit. */
export class EventBus {
  private handlers = new Map<string, Handler[]>();

  on(name: string, handler: Handler): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }

  emit(name: string, payload: unknown): void {
    for (const h of this.handlers.get(name) ?? []) {
      Promise.resolve(h(payload)).catch((err) => console.error(`event ${name} handler failed`, err));
    }
  }
}

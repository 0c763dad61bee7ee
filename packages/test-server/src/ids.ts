import { createHash } from "node:crypto";

/** Ids derived from the seed and a counter: the same run produces the same ids (deterministic outputs). */
export class IdSource {
  private counters = new Map<string, number>();

  constructor(private readonly seed: number) {}

  private digest(kind: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return createHash("sha256").update(`${this.seed}:${kind}:${n}`).digest("hex");
  }

  job(): string {
    return `job_${this.digest("job").slice(0, 16)}`;
  }

  request(): string {
    return `req_${this.digest("req").slice(0, 16)}`;
  }

  /** A version-4-shaped UUID, as the upload `fileId` is documented to be. */
  uuid(): string {
    const h = this.digest("upload");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  delivery(): string {
    return `whd_${this.digest("delivery").slice(0, 16)}`;
  }
}

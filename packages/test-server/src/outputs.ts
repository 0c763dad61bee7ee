import type { ModelInfo } from "./catalog.js";

export interface JobOutput {
  url: string;
  type: "video" | "image" | "audio" | "text";
  thumbnail: string | null;
  posterImage: string | null;
}

const EXTENSION = { video: "mp4", image: "png", audio: "mp3", text: "txt" } as const;
export const CONTENT_TYPE: Record<string, string> = { mp4: "video/mp4", png: "image/png", mp3: "audio/mpeg", txt: "text/plain", jpg: "image/jpeg" };

/** How many files a job makes: image models honour a `num_images`-style field, everything else makes one. */
function outputCount(input: Record<string, unknown>): number {
  for (const field of ["num_images", "number_of_images", "n"]) {
    const n = Number(input[field]);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 16);
  }
  return 1;
}

/** Deterministic outputs: the URLs depend only on the job id, the model and its input. */
export function fakeOutputs(publicUrl: string, jobId: string, model: ModelInfo, input: Record<string, unknown>): JobOutput[] {
  const type = model.category;
  const base = `${publicUrl}/cdn/outputs/${jobId}`;
  const count = type === "image" ? outputCount(input) : 1;
  return Array.from({ length: count }, (_, i) => ({
    url: `${base}/output_${i}.${EXTENSION[type]}`,
    type,
    thumbnail: type === "video" ? `${base}/thumb_${i}.jpg` : null,
    posterImage: type === "video" ? `${base}/poster_${i}.jpg` : null,
  }));
}

/** The bytes served for a fake output file: a short, recognisable placeholder. */
export function fakeFile(jobId: string, file: string): { body: Buffer; contentType: string } {
  const ext = file.split(".").pop() ?? "txt";
  return { body: Buffer.from(`PixelByte test-server placeholder ${file} of ${jobId}\n`), contentType: CONTENT_TYPE[ext] ?? "application/octet-stream" };
}

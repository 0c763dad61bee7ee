// Entry for an edge worker (workerd, the Cloudflare Workers runtime): a module worker whose fetch
// handler takes the config as the request body and answers with the report.
import type { ProbeConfig } from "./contract.js";
import { probe } from "./probe.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const config = (await request.json()) as ProbeConfig;
    return Response.json(await probe(config));
  },
};

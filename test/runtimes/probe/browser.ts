// Entry for a web page (Chromium): the harness calls `globalThis.pixelbyteProbe(config)` from the page.
import { probe } from "./probe.js";

(globalThis as { pixelbyteProbe?: typeof probe }).pixelbyteProbe = probe;

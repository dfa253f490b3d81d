import { pathToFileURL } from "node:url";

/** Keeps a long-running command alive until Ctrl-C (or SIGTERM), then stops what it started. */
export function stopOnSignal(stops: ReadonlyArray<() => Promise<void> | void>): Promise<void> {
  return new Promise((done) => {
    let stopping = false;
    const stopAll = async () => {
      if (stopping) return;
      stopping = true;
      await Promise.allSettled(stops.map((stop) => stop()));
      done();
    };
    process.once('SIGINT', stopAll);
    process.once('SIGTERM', stopAll);
  });
}

/** True when the module at `moduleUrl` is the script node was asked to run. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}

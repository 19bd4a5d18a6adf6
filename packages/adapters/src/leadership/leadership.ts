/**
 * Which background jobs this process runs (issue 18, ADR 0061). A job is started when this
 * process becomes its leader and stopped when it stops being it; exactly one process leads a job
 * at a time. Non-leaders do not run the job at all (they do not read the log for it).
 */
export interface LeaderJob {
  readonly name: string;
  /** Starts the job; what it returns stops it (and must not resolve before the job has let go). */
  start(): Promise<{ stop(): Promise<void> }>;
}

export interface LeadershipStatus {
  /** Jobs this process leads now. */
  readonly leading: readonly string[];
  /** Jobs registered here and led elsewhere (or by nobody for the moment). */
  readonly following: readonly string[];
  /** `solo`: one process by construction (embedded or memory store); `postgres`: advisory locks. */
  readonly mode: 'solo' | 'postgres';
  /** The last time the lock connection answered (ISO), or undefined in solo mode. */
  readonly lastCheckAt?: string;
  /** Why this process leads nothing just now, when its lock connection is down. */
  readonly problem?: string;
}

export interface Leadership {
  /** Registers a job; it starts at once when this process can lead it. */
  add(job: LeaderJob): Promise<void>;
  status(): LeadershipStatus;
  /** Whether this process leads `job` now. */
  leads(job: string): boolean;
  /** Called whenever the set of jobs led here changes. */
  onChange(listener: (status: LeadershipStatus) => void): void;
  /** Stops every job led here and lets go of it at once, so another process takes over now (SIGTERM). */
  resign(): Promise<void>;
}

/** One process, every job: the embedded store admits one process per data directory anyway. */
export const soloLeadership = (): Leadership => {
  const jobs = new Map<string, { stop(): Promise<void> }>();
  const listeners: ((s: LeadershipStatus) => void)[] = [];
  const status = (): LeadershipStatus => ({ leading: [...jobs.keys()], following: [], mode: 'solo' });
  return {
    add: async (job) => {
      jobs.set(job.name, await job.start());
      for (const l of listeners) l(status());
    },
    status,
    leads: (job) => jobs.has(job),
    onChange: (l) => {
      listeners.push(l);
    },
    resign: async () => {
      for (const [name, running] of [...jobs].reverse()) {
        await running.stop();
        jobs.delete(name);
      }
      for (const l of listeners) l(status());
    },
  };
};

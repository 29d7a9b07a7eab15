// Which of a commissioning plan's steps only read the charger: they change no configuration, start or stop
// no session and move no connector (identity and clock, the connectors' statuses, the offline policy). The
// confirmation before a step runs says from it whether anything is changed, and whether a session running
// on the charger is ended first (runEndsSessions).

/**
 * The steps that only read the charger, by id: each sends only TriggerMessage, GetConfiguration and
 * GetLocalListVersion (src/main/commissioning/plan.ts; test/integration/commissioning/read-only-leaves-session
 * runs them on a charging charger and checks what the bench sent).
 */
export const READ_ONLY_STEPS: readonly string[] = ['C3_IDENTITY', 'C4_CONNECTORS', 'C7_OFFLINE'];

/** A run of these steps only reads the charger (none of them changes anything). */
export const onlyReads = (steps: readonly string[]): boolean => steps.length > 0 && steps.every((s) => READ_ONLY_STEPS.includes(s));

/**
 * Whether a run of `steps` ends a session running on the charger (RemoteStopTransaction, a cable to unplug)
 * before its first step and after each. A run of steps that only read leaves sessions running (the engine's
 * leaveSessions, set by the commissioning service from onlyReads); any other run prepares the charger to the
 * general preconditions and puts it back after each step, ending every open session (conformance/restore.ts).
 */
export const runEndsSessions = (steps: readonly string[]): boolean => !onlyReads(steps);

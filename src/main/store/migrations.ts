// Schema migrations, in order; the database's user_version is the number applied. Never edit a
// released migration: add the next one.

/** Whitespace as JavaScript's \s trims it (ASCII). */
const SPACES = "' ' || char(9, 10, 11, 12, 13)";
/**
 * A JSON value (its SQL value and json_type) as whole seconds, as central-system/heartbeat-given.ts reads it:
 * an integer, or text of digits with spaces around; null otherwise (not more than 0 is left to the caller).
 */
const wholeSeconds = (value: string, type: string): string =>
  `CASE WHEN ${type} = 'integer' THEN ${value} WHEN ${type} = 'text' AND trim(${value}, ${SPACES}) GLOB '[0-9]*' AND trim(${value}, ${SPACES}) NOT GLOB '*[^0-9]*' THEN CAST(trim(${value}, ${SPACES}) AS INTEGER) END`;
/** Whether a configuration key (text) is HeartbeatInterval, in any case and with spaces around. */
const isHeartbeatKey = (key: string): string => `lower(trim(${key}, ${SPACES})) = 'heartbeatinterval'`;

/**
 * The newest interval a charger's operations (chargers.id, of the UPDATE around it) tell after its last boot:
 * an accepted ChangeConfiguration of HeartbeatInterval ('set') or a GetConfiguration answer reporting it
 * ('read'), of whole seconds, 0 included (a negative integer, as heartbeat-given.ts, is none); as its id, seconds, how and at. Migration 16's query, but for 0.
 */
const newestGivenByOperation = `
  SELECT * FROM (SELECT * FROM (
    SELECT o.id, 'set' AS how, o.finished_at AS at, ${wholeSeconds("iif(json_valid(o.request), json_extract(o.request, '$.value'), NULL)", "iif(json_valid(o.request), json_type(o.request, '$.value'), NULL)")} AS seconds
    FROM operations o INDEXED BY operations_by_action
    WHERE o.charger_id = chargers.id AND o.action = 'ChangeConfiguration' AND o.outcome = 'completed' AND o.finished_at IS NOT NULL
      AND (chargers.last_boot IS NULL OR o.finished_at > chargers.last_boot)
      AND CASE WHEN json_valid(o.request) AND json_valid(o.response) THEN json_extract(o.response, '$.status') = 'Accepted'
        AND ${isHeartbeatKey("json_extract(o.request, '$.key')")} ELSE 0 END
    ORDER BY o.id DESC
  ) WHERE seconds >= 0 LIMIT 1)
  UNION ALL
  SELECT * FROM (SELECT * FROM (
    SELECT o.id, 'read' AS how, o.finished_at AS at, (
      SELECT ${wholeSeconds("json_extract(k.value, '$.value')", "json_type(k.value, '$.value')")}
      FROM json_each(CASE WHEN json_valid(o.response) THEN o.response ELSE '{}' END, '$.configurationKey') k
      WHERE CASE WHEN k.type = 'object' THEN ${isHeartbeatKey("json_extract(k.value, '$.key')")} ELSE 0 END LIMIT 1
    ) AS seconds
    FROM operations o INDEXED BY operations_by_action
    WHERE o.charger_id = chargers.id AND o.action = 'GetConfiguration' AND o.outcome = 'completed' AND o.finished_at IS NOT NULL
      AND (chargers.last_boot IS NULL OR o.finished_at > chargers.last_boot)
      AND CASE WHEN json_valid(o.response) THEN json_type(o.response, '$.configurationKey') = 'array' ELSE 0 END
    ORDER BY o.id DESC
  ) WHERE seconds >= 0 LIMIT 1)
  ORDER BY id DESC LIMIT 1`;

export const migrations: string[] = [
  `
  CREATE TABLE chargers (
    id TEXT PRIMARY KEY,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    connected INTEGER NOT NULL DEFAULT 0,
    remote_address TEXT,
    boot_policy TEXT,
    registration_status TEXT,
    last_boot TEXT,
    last_heartbeat TEXT,
    vendor TEXT,
    model TEXT,
    charge_point_serial TEXT,
    charge_box_serial TEXT,
    firmware_version TEXT,
    iccid TEXT,
    imsi TEXT,
    meter_type TEXT,
    meter_serial TEXT,
    firmware_status TEXT,
    diagnostics_status TEXT
  );
  CREATE TABLE connectors (
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    error_code TEXT NOT NULL,
    info TEXT,
    vendor_id TEXT,
    vendor_error_code TEXT,
    timestamp TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (charger_id, connector_id)
  ) WITHOUT ROWID;
  CREATE TABLE status_history (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    error_code TEXT NOT NULL,
    info TEXT,
    vendor_id TEXT,
    vendor_error_code TEXT,
    timestamp TEXT,
    received_at TEXT NOT NULL
  );
  CREATE INDEX status_history_by_connector ON status_history (charger_id, connector_id, id);
  CREATE TABLE transactions (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    id_tag TEXT NOT NULL,
    auth_status TEXT NOT NULL,
    reservation_id INTEGER,
    meter_start INTEGER NOT NULL,
    start_time TEXT NOT NULL,
    meter_stop INTEGER,
    stop_time TEXT,
    stop_reason TEXT,
    stop_id_tag TEXT,
    energy_wh INTEGER,
    received_at TEXT NOT NULL
  );
  CREATE INDEX transactions_by_charger ON transactions (charger_id, id);
  CREATE TABLE meter_values (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    transaction_id INTEGER,
    timestamp TEXT NOT NULL,
    value TEXT NOT NULL,
    measurand TEXT NOT NULL,
    phase TEXT,
    unit TEXT,
    context TEXT NOT NULL,
    location TEXT,
    format TEXT NOT NULL,
    received_at TEXT NOT NULL
  );
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    charger_id TEXT NOT NULL,
    direction TEXT NOT NULL,
    kind TEXT NOT NULL,
    message_id TEXT,
    action TEXT,
    raw TEXT NOT NULL,
    error TEXT
  );
  -- A sparse index over the two high-volume logs (messages, meter_values): per write batch, the id
  -- range that the rows of one key (a charger, a connector, a transaction) fall in.
  CREATE TABLE chunks (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    rows INTEGER NOT NULL
  );
  CREATE INDEX chunks_by_key ON chunks (kind, key, last_id);

  CREATE TABLE operations (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    action TEXT NOT NULL,
    request TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    response TEXT,
    error TEXT
  );
  CREATE INDEX operations_by_charger ON operations (charger_id, id);
  CREATE TABLE charger_events (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    action TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX charger_events_by_charger ON charger_events (charger_id, id);
  CREATE TABLE connection_attempts (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    charger_id TEXT,
    remote_address TEXT,
    outcome TEXT NOT NULL,
    reason TEXT
  );
  CREATE TABLE id_tags (
    id_tag TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    expiry_date TEXT,
    parent_id_tag TEXT
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE journal_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    ingested_seq INTEGER NOT NULL
  );
  INSERT INTO journal_state (id, ingested_seq) VALUES (1, 0);
  `,
  // 2: security profile 1 (a password per charger, chargers registered before they connect) and the
  // bench's own virtual charge points.
  `
  ALTER TABLE chargers ADD COLUMN password TEXT;
  ALTER TABLE chargers ADD COLUMN registered INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE virtual_chargers (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    definition TEXT NOT NULL,
    state TEXT
  );
  `,
  // 3: the message log's filters at a million frames. Frames by action get the same sparse index as
  // frames by charger (filled here for the frames already logged), whose index now covers the ranges
  // read; CALLERRORs, invalid and flagged frames, rare by nature, get a partial index that costs nothing
  // when a frame is fine.
  `
  DROP INDEX chunks_by_key;
  CREATE INDEX chunks_by_key ON chunks (kind, key, last_id, first_id, rows);
  CREATE INDEX messages_flagged ON messages (id) WHERE kind IN ('CALLERROR', 'INVALID') OR error IS NOT NULL;
  INSERT INTO chunks (kind, key, first_id, last_id, rows)
    SELECT 'message/action', action, MIN(id), MAX(id), COUNT(*) FROM messages WHERE action IS NOT NULL GROUP BY id / 4096, action;
  `,
  // 4: hardening. A transaction carries a warning when the bench saw something impossible about it
  // (meterStop below meterStart; an answer it could not record). Connection attempts and status history
  // are pruned by time like the message log.
  `
  ALTER TABLE transactions ADD COLUMN warning TEXT;
  `,
  // 5: a charger is marked virtual when the bench's own virtual charger of that id registered it, so a
  // virtual charger can never take a real charger's identity, and the UI shows which is which.
  `
  ALTER TABLE chargers ADD COLUMN virtual INTEGER NOT NULL DEFAULT 0;
  UPDATE chargers SET virtual = 1 WHERE id IN (SELECT id FROM virtual_chargers);
  `,
  // 6: conformance runs, each with its whole result (cases, steps, verdicts) for the reports.
  `
  CREATE TABLE test_runs (
    id TEXT PRIMARY KEY,
    charger_id TEXT NOT NULL,
    suite TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    state TEXT NOT NULL,
    summary TEXT NOT NULL,
    result TEXT NOT NULL
  );
  CREATE INDEX test_runs_by_charger ON test_runs (charger_id, started_at);
  `,
  // 7: commissioning. Each commissioning of a charger (its site and job, template, steps, checklist,
  // handover: the whole as JSON, the columns lists need beside it), its photos as BLOBs, the user's saved
  // templates, and the job last used per site (to fill in the next charger of the same site).
  `
  CREATE TABLE commissionings (
    id TEXT PRIMARY KEY,
    charger_id TEXT NOT NULL,
    site TEXT NOT NULL,
    location TEXT NOT NULL,
    state TEXT NOT NULL,
    verdict TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX commissionings_by_site ON commissionings (site, created_at);
  CREATE INDEX commissionings_by_charger ON commissionings (charger_id, created_at);
  CREATE TABLE commissioning_photos (
    id TEXT PRIMARY KEY,
    commissioning_id TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    caption TEXT NOT NULL,
    added_at TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX commissioning_photos_by_commissioning ON commissioning_photos (commissioning_id, added_at);
  CREATE TABLE commissioning_templates (
    name TEXT PRIMARY KEY,
    template TEXT NOT NULL,
    saved_at TEXT NOT NULL
  );
  CREATE TABLE commissioning_sites (
    site TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    used_at TEXT NOT NULL
  );
  `,
  // 8 (meter values compact): a row per reading (one timestamp and its sampled values) instead of a row per
  // sampled value; what a sampled value is (measurand, phase, unit, context, location, format) is a row of
  // meter_shapes, referred to by id. Rows already recorded keep their ids (the chunks index stays right).
  `
  CREATE TABLE meter_shapes (
    id INTEGER PRIMARY KEY,
    measurand TEXT NOT NULL,
    phase TEXT,
    unit TEXT,
    context TEXT NOT NULL,
    location TEXT,
    format TEXT NOT NULL
  );
  INSERT INTO meter_shapes (measurand, phase, unit, context, location, format)
    SELECT DISTINCT measurand, phase, unit, context, location, format FROM meter_values;
  ALTER TABLE meter_values RENAME TO meter_values_per_sample;
  CREATE TABLE meter_values (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    transaction_id INTEGER,
    -- as sent; epoch milliseconds when that gives back the same ISO text
    timestamp NOT NULL,
    received_at TEXT NOT NULL,
    -- JSON [shape id, value, shape id, value, ...]
    samples TEXT NOT NULL
  );
  INSERT INTO meter_values (id, charger_id, connector_id, transaction_id, timestamp, received_at, samples)
    SELECT v.id, v.charger_id, v.connector_id, v.transaction_id, v.timestamp, v.received_at, json_array(s.id, v.value)
    FROM meter_values_per_sample v JOIN meter_shapes s
      ON s.measurand = v.measurand AND s.phase IS v.phase AND s.unit IS v.unit AND s.context = v.context AND s.location IS v.location AND s.format = v.format
    ORDER BY v.id;
  DROP TABLE meter_values_per_sample;
  `,
  // 9: the message log's free-text index (repositories/message-search.ts): FTS5 trigrams of every frame,
  // contentless (no second copy of the frames) and without positions (detail=none: a search is checked on
  // the frame itself), built by the writer thread behind the log; indexed_to says how far it has come,
  // pruned_to how far it has forgotten frames that retention removed.
  `
  CREATE VIRTUAL TABLE messages_search USING fts5(raw, content='', contentless_delete=1, tokenize='trigram', detail='none');
  CREATE TABLE messages_search_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_to INTEGER NOT NULL,
    pruned_to INTEGER NOT NULL
  );
  INSERT INTO messages_search_state (id, indexed_to, pruned_to) VALUES (1, 0, 0);
  `,
  // 10: the free-text index holds the text of SEARCH_BLOCK (16) consecutive frames per row (rowid = id / 16):
  // the trigrams frames share are held once per block, a fifth of the bytes; a search checks every frame
  // of a proposed block, so it finds exactly what it did. The writer thread builds it again from the start.
  `
  DROP TABLE messages_search;
  CREATE VIRTUAL TABLE messages_search USING fts5(raw, content='', contentless_delete=1, tokenize='trigram', detail='none');
  UPDATE messages_search_state SET indexed_to = 0, pruned_to = 0;
  `,
  // 11: the sparse index ordered by epoch (CHUNK_EPOCH_IDS ids of a log, by a chunk's last id) before key.
  // Ordered by key, each drain added a chunk to every key's own place in the index: with hundreds of
  // chargers that was a page per key per drain, so the pages written per drain grew with the record
  // (at 500 chargers the record wrote 200 MB/s after a minute for 20 MB/s of frames). By epoch first, a
  // drain's chunks go to the few pages of the current epoch, however big the record.
  `
  ALTER TABLE chunks ADD COLUMN epoch INTEGER GENERATED ALWAYS AS (last_id >> 15) VIRTUAL;
  DROP INDEX chunks_by_key;
  CREATE INDEX chunks_by_epoch ON chunks (kind, epoch, key, last_id, first_id, rows);
  `,
  // 12: a virtual charger's queue of transaction messages, a row per message. Kept inside its state, the
  // whole queue was written again at every save (once a second while it changed): a charger left offline
  // for a day queues thousands of MeterValues, and each save then wrote megabytes. (A state saved before
  // this still holds its queue, and is read as it is; its next save moves the queue here.)
  `
  CREATE TABLE virtual_charger_queue (
    charger_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (charger_id, seq)
  ) WITHOUT ROWID;
  `,
  // 13: a charger's operations of some actions (a panel's history: its reservations, local lists,
  // firmware updates) read without stepping over every other operation it was sent.
  `
  CREATE INDEX IF NOT EXISTS operations_by_action ON operations (charger_id, action, id);
  `,
  // 14: identical refusals in a row are one line (repositories/connection-attempts.ts): how many, and when
  // the first was (ts is the newest). A charger retrying a wrong password every second added a line a
  // second, pushing every other attempt out of the lists. The indexes find a charger's newest line, and the
  // newest line from an address of the attempts that gave no charger id (the partial index: without it a
  // refusal from a new address stepped over every such line: 0.1 s per refusal at 200,000 of them, 0.02 ms with it).
  `
  ALTER TABLE connection_attempts ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE connection_attempts ADD COLUMN first_ts TEXT;
  CREATE INDEX connection_attempts_by_charger ON connection_attempts (charger_id, id);
  CREATE INDEX connection_attempts_without_charger ON connection_attempts (remote_address, id) WHERE charger_id IS NULL;
  `,
  // 15: the rule of judging a commissioning's verdict column was worked out by (0: saved before rules were
  // numbered). A list shows each commissioning's verdict as its page judges it: a row judged by an older rule
  // is judged again from its whole record once, and kept; the others are listed from the column, without
  // parsing every record (hundreds of megabytes on the thread that answers the chargers).
  `
  ALTER TABLE commissionings ADD COLUMN judged_by INTEGER NOT NULL DEFAULT 0;
  `,
  // 16: the heartbeat interval each charger was given (repositories/chargers.ts heartbeatGiven): its last
  // accepted BootNotification answer's, or a later ChangeConfiguration of HeartbeatInterval it accepted, or
  // a later GetConfiguration read of it; with how and when (the bench's clock). "Nothing heard since
  // (heartbeat overdue)" is judged against it in the chargers list without reading every charger's frames.
  // A record written before this gives what its operations tell (by operations_by_action): the newest such
  // change or read after the charger's last boot (only those are parsed). A boot answer's interval is not looked
  // for (the message log has no index by charger and action): a charger whose last boot came after them stays
  // null until the bench next learns it (its next boot). A boot in an older bench's journal, replayed after
  // this, leaves a change or read older than it here: it is not taken as given (chargers.ts givenOf). And when the bench received the firmware and diagnostics status the
  // row holds (firmware_status_at, diagnostics_status_at: written with the status), so the chargers list reads
  // no events per charger; filled here from the events once.
  `
  ALTER TABLE chargers ADD COLUMN heartbeat_interval INTEGER;
  ALTER TABLE chargers ADD COLUMN heartbeat_interval_how TEXT;
  ALTER TABLE chargers ADD COLUMN heartbeat_interval_at TEXT;
  ALTER TABLE chargers ADD COLUMN firmware_status_at TEXT;
  ALTER TABLE chargers ADD COLUMN diagnostics_status_at TEXT;
  UPDATE chargers SET firmware_status_at = (SELECT ts FROM charger_events WHERE charger_id = chargers.id
    AND action IN ('FirmwareStatusNotification', 'SignedFirmwareStatusNotification') ORDER BY id DESC LIMIT 1) WHERE firmware_status IS NOT NULL;
  UPDATE chargers SET diagnostics_status_at = (SELECT ts FROM charger_events WHERE charger_id = chargers.id
    AND action = 'DiagnosticsStatusNotification' ORDER BY id DESC LIMIT 1) WHERE diagnostics_status IS NOT NULL;
  UPDATE chargers SET (heartbeat_interval, heartbeat_interval_how, heartbeat_interval_at) = (
    SELECT seconds, how, at FROM (
      SELECT * FROM (SELECT * FROM (
        SELECT o.id, 'set' AS how, o.finished_at AS at, ${wholeSeconds("iif(json_valid(o.request), json_extract(o.request, '$.value'), NULL)", "iif(json_valid(o.request), json_type(o.request, '$.value'), NULL)")} AS seconds
        FROM operations o INDEXED BY operations_by_action
        WHERE o.charger_id = chargers.id AND o.action = 'ChangeConfiguration' AND o.outcome = 'completed' AND o.finished_at IS NOT NULL
          AND (chargers.last_boot IS NULL OR o.finished_at > chargers.last_boot)
          AND CASE WHEN json_valid(o.request) AND json_valid(o.response) THEN json_extract(o.response, '$.status') = 'Accepted'
            AND ${isHeartbeatKey("json_extract(o.request, '$.key')")} ELSE 0 END
        ORDER BY o.id DESC
      ) WHERE seconds > 0 LIMIT 1)
      UNION ALL
      SELECT * FROM (SELECT * FROM (
        SELECT o.id, 'read' AS how, o.finished_at AS at, (
          SELECT ${wholeSeconds("json_extract(k.value, '$.value')", "json_type(k.value, '$.value')")}
          FROM json_each(CASE WHEN json_valid(o.response) THEN o.response ELSE '{}' END, '$.configurationKey') k
          WHERE CASE WHEN k.type = 'object' THEN ${isHeartbeatKey("json_extract(k.value, '$.key')")} ELSE 0 END LIMIT 1
        ) AS seconds
        FROM operations o INDEXED BY operations_by_action
        WHERE o.charger_id = chargers.id AND o.action = 'GetConfiguration' AND o.outcome = 'completed' AND o.finished_at IS NOT NULL
          AND (chargers.last_boot IS NULL OR o.finished_at > chargers.last_boot)
          AND CASE WHEN json_valid(o.response) THEN json_type(o.response, '$.configurationKey') = 'array' ELSE 0 END
        ORDER BY o.id DESC
      ) WHERE seconds > 0 LIMIT 1)
    ) ORDER BY id DESC LIMIT 1
  );
  `,
  // 17: what the site summary shows of a commissioning (the failed steps and checks, the offline policy found,
  // the site's address), kept as JSON beside it at each save (repositories/commissionings.ts), so the summary
  // does not parse each charger's whole record on the thread that answers the chargers. A row saved before
  // (null) is summarised from its whole record once, and kept.
  `
  ALTER TABLE commissionings ADD COLUMN summary TEXT;
  `,
  // 18: the newest change on the bench to how each charger is let in (repositories/chargers.ts AdmissionChange:
  // its password set or cleared, or its registration) and when (the bench's clock), written with the change.
  // Kept in memory before, so a restart forgot it and a refused charger read its refusal from before the
  // change as the last word again. A record written before this holds none (null: a refusal reads as it stands).
  `
  ALTER TABLE chargers ADD COLUMN admission_change TEXT;
  ALTER TABLE chargers ADD COLUMN admission_change_at TEXT;
  `,
  // 19: migration 16's backfill passed over an interval of 0 (it took only more than 0), so a charger whose
  // newest accepted change or read of HeartbeatInterval after its last boot was 0 kept an older one (or none),
  // and was judged "heartbeat overdue" by it, until the bench next learnt its interval. The bench keeps a 0 as
  // given (central-system/heartbeat-given.ts: no heartbeats expected). Where that newest change or read is 0,
  // and the row holds nothing newer (the bench may have learnt it live since), it is the one given now.
  `
  UPDATE chargers SET (heartbeat_interval, heartbeat_interval_how, heartbeat_interval_at) = (SELECT seconds, how, at FROM (${newestGivenByOperation}))
  WHERE (SELECT seconds FROM (${newestGivenByOperation})) = 0
    AND (heartbeat_interval_at IS NULL OR heartbeat_interval_at <= (SELECT at FROM (${newestGivenByOperation})));
  `,
  // 20: when each charger was registered (repositories/chargers.ts chargerRegisteredAt), apart from when it was first
  // seen: a charger registered ahead of its first connection had its registration time as its first_seen, and
  // kept it once it connected, so its page said "First seen" at a time before the charger was ever seen. Now
  // first_seen moves to its first connection (chargerSeen). In a record written before this, a charger that has
  // never connected has its registration as its first_seen; one registered ahead that connected since, whose
  // first accepted connection comes after its first_seen, has it moved there when the connection log provably
  // reaches back that far (nothing pruned: no retention set, or an older attempt kept).
  `
  ALTER TABLE chargers ADD COLUMN registered_at TEXT;
  UPDATE chargers SET registered_at = first_seen
  WHERE registered = 1 AND connected = 0 AND last_boot IS NULL AND remote_address IS NULL
    AND id NOT IN (SELECT charger_id FROM connectors);
  UPDATE chargers SET registered_at = first_seen,
    first_seen = (SELECT MIN(ts) FROM connection_attempts a WHERE a.charger_id = chargers.id AND a.outcome = 'accepted')
  WHERE registered = 1 AND registered_at IS NULL
    AND (SELECT MIN(ts) FROM connection_attempts a WHERE a.charger_id = chargers.id AND a.outcome = 'accepted') > first_seen
    AND (NOT EXISTS (SELECT 1 FROM settings WHERE key = 'retentionDays' AND value NOT IN ('null', '0'))
      OR (SELECT MIN(ts) FROM connection_attempts) <= first_seen);
  `,
  // 21: the second password a charger is let in with besides its own until it connects with one of them
  // (repositories/chargers.ts SecondPassword: a case's new AuthorizationKey whose answer never came), stored
  // through the secret codec like password, and the words naming each (JSON). Held in memory before, so a bench
  // restarted before the charger came back expected only one of them and could lock it out. Null: none (a
  // record written before this holds none).
  `
  ALTER TABLE chargers ADD COLUMN either_password TEXT;
  ALTER TABLE chargers ADD COLUMN either_words TEXT;
  `,
  // 22: the caller's name for an operation (repositories/operations.ts `ref`: the window's name for its send), so a
  // window that lost the link before it heard the operation was sent finds it in the record. Null: none given.
  `
  ALTER TABLE operations ADD COLUMN ref TEXT;
  CREATE INDEX operations_by_ref ON operations (ref) WHERE ref IS NOT NULL;
  `,
  // 23: charger events of one action, of every charger or one (repositories/charger-events.ts list: the
  // StopTransactions the bench noted as stray, read back however many other events came since).
  `
  CREATE INDEX charger_events_by_action ON charger_events (action, id);
  CREATE INDEX charger_events_by_charger_action ON charger_events (charger_id, action, id);
  `,
];

// Schema migrations, in order; the database's user_version is the number applied. Never edit a
// released migration: add the next one.
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
  // The message log's free-text index (repositories/message-search.ts): FTS5 trigrams of every frame,
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
];

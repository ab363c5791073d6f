namespace NlpHost.Queue.Internal.Storage;

/// <summary>
/// The schema migrations, in order; version N is <c>Migrations[N - 1]</c>. Never edit a shipped migration: append one.
/// The DDL is shared by both backends; only the surrogate key that gives FIFO order differs.
/// </summary>
internal static class JobSchema
{
    public const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at bigint NOT NULL)";

    public static IReadOnlyList<string> Migrations(string sequenceColumn) =>
    [
        $"""
        CREATE TABLE jobs (
            seq {sequenceColumn},
            id text NOT NULL UNIQUE,
            task text NOT NULL,
            input text NOT NULL,
            options text NULL,
            priority integer NOT NULL,
            idempotency_key text NULL UNIQUE,
            state text NOT NULL,
            attempts integer NOT NULL,
            max_attempts integer NOT NULL,
            lease_owner text NULL,
            lease_expires_at bigint NULL,
            visible_at bigint NOT NULL,
            cancel_requested integer NOT NULL DEFAULT 0,
            progress double precision NULL,
            progress_message text NULL,
            result text NULL,
            error text NULL,
            created_at bigint NOT NULL,
            started_at bigint NULL,
            finished_at bigint NULL,
            updated_at bigint NOT NULL
        );
        CREATE INDEX ix_jobs_queued ON jobs (priority DESC, seq) WHERE state = 'queued';
        CREATE INDEX ix_jobs_running_lease ON jobs (lease_expires_at) WHERE state = 'running';
        CREATE INDEX ix_jobs_state_seq ON jobs (state, seq);
        """,
        // 2: task names are canonical lower case (jobs stored before were matched case-sensitively by workers and
        // stayed queued forever); workers record the tasks they serve, so a job no live host serves can be shown.
        """
        UPDATE jobs SET task = lower(task) WHERE task <> lower(task);
        CREATE TABLE workers (
            worker_id text PRIMARY KEY,
            tasks text NULL,
            seen_at bigint NOT NULL
        );
        """,
        // 3: workers say what they are (GET /v1/workers); retention deletes finished jobs by state and age.
        """
        ALTER TABLE workers ADD COLUMN version text NULL;
        ALTER TABLE workers ADD COLUMN slots integer NULL;
        ALTER TABLE workers ADD COLUMN started_at bigint NULL;
        CREATE INDEX ix_jobs_finished ON jobs (state, finished_at) WHERE finished_at IS NOT NULL;
        """,
    ];
}

-- Jobs that run on one instance at a time: the instance holding a job's unexpired lease runs it.
CREATE TABLE job_lease (
    job             VARCHAR(64) NOT NULL,
    owner           VARCHAR(64),
    leased_until    DATETIME(6) NOT NULL,
    last_started_at DATETIME(6),
    PRIMARY KEY (job)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every run of the money checks and what it found, for admins and for alerting.
CREATE TABLE reconciliation_run (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    started_at  DATETIME(6) NOT NULL,
    finished_at DATETIME(6) NOT NULL,
    ran_by      VARCHAR(64) NOT NULL,
    mismatches  INT         NOT NULL,
    report      TEXT        NOT NULL,
    PRIMARY KEY (id),
    INDEX ix_reconciliation_run_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

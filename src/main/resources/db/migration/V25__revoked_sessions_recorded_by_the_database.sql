-- Every instance keeps the signed-out sessions in memory and asks only for those recorded since its last look, by the
-- database's own clock (instances' clocks differ, and tests move theirs): no read of this table per page view.
ALTER TABLE revoked_session
    ADD COLUMN recorded_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    ADD INDEX ix_revoked_session_recorded (recorded_at);

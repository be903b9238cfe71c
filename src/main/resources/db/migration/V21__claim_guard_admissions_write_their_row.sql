-- On a Galera cluster a row lock taken on one node does not hold back the same row on another node: only the rows a
-- transaction writes are certified at commit. The claim-code lock counts an account's failures under its scope row's
-- lock; so that this holds on a cluster too, every admission now writes the row (counts the look-up). Two look-ups of
-- one account on two nodes at once then conflict at commit, the loser runs again and sees the winner's failure: the
-- lock trips at its budget exactly, on one server or several.
ALTER TABLE claim_guard ADD COLUMN look_ups BIGINT NOT NULL DEFAULT 0;

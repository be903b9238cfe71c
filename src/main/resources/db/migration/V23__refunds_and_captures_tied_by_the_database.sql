-- The database ties a refund to what is left of its capture, and a capture to its hold, whatever the code above it
-- does: the capture's row is locked first, so refunds of one capture are counted one after the other.
DELIMITER $$
CREATE TRIGGER IF NOT EXISTS store_refund_within_capture BEFORE INSERT ON store_refund FOR EACH ROW
BEGIN
    DECLARE captured BIGINT;
    DECLARE refunded BIGINT;
    SELECT amount_minor INTO captured FROM store_capture WHERE id = NEW.capture_id FOR UPDATE;
    SELECT COALESCE(SUM(amount_minor), 0) INTO refunded FROM store_refund WHERE capture_id = NEW.capture_id
        LOCK IN SHARE MODE;
    IF captured IS NULL OR refunded + NEW.amount_minor > captured THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the refunds of a capture never exceed it';
    END IF;
END$$

CREATE TRIGGER IF NOT EXISTS store_capture_within_hold BEFORE INSERT ON store_capture FOR EACH ROW
BEGIN
    DECLARE held BIGINT;
    DECLARE holder BIGINT;
    SELECT amount_minor, account_id INTO held, holder FROM store_hold WHERE id = NEW.hold_id FOR UPDATE;
    IF held IS NULL OR NEW.amount_minor > held OR holder <> NEW.account_id THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a capture takes at most its hold, from the account it holds';
    END IF;
END$$
DELIMITER ;

-- Every card has its number now (V11): new cards get one when issued.
ALTER TABLE gift_card MODIFY COLUMN card_number CHAR(16) NOT NULL;

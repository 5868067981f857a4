DROP INDEX "account_posting_book_idx";--> statement-breakpoint
DROP INDEX "account_entry_reverses_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "account_entry_reverses_uq" ON "account_entry" USING btree ("reverses_id") WHERE reverses_id is not null;
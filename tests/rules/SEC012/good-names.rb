# File and class names with dates and hashes in them are names, not keys.
require Rails.root.join("db", "data", "20310101120000_backfill_patient_reminder_flags")
loader = "ComposerStaticInit8301f04c87f822624bfb37b09eb98558"

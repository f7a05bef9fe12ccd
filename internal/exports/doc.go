// Package exports writes the centre's tables (the district's report, the
// ledger, invoices, payments, bookings, arrears) to the export folder that a
// manager sets on the kiosk, a USB stick's mount point for instance, as
// kioskctl export writes them; and it gates the money figures the staff
// screens read.
//
// The folder is a setting in the store (exports/folder). Setting it needs
// staff.PermSettings and is audited; it must be an absolute path to an
// existing folder the kiosk can write in. Candidates lists the mounted
// folders a manager may tap instead of typing a path.
//
// Write needs staff.PermExport. It names the file after what it holds
// (kiosk-<what>-<year>-<cut-off YYYYMMDD>.<csv|xlsx>, with -2, -3... rather
// than overwriting a file already there), writes it atomically with
// export.Write and records an "export.write" audit entry naming the table
// and the file (never personal data). A folder not set, gone (the stick was
// pulled), not writable or full is a coded refusal, and leaves no file.
//
// Report and Arrears are the figures of the report and arrears screens,
// worked out by the same functions as kioskctl report and arrears, for a
// member whose role grants staff.PermMoney.
package exports

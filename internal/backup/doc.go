// Package backup writes, verifies and restores a backup file of an open
// centre (its store, online, and its pass keys), and keeps the kiosk's
// backup folder: the nightly backup, the last N files and their results.
//
// A backup file is
//
//	"KIOSKBAK"  format version (2 bytes)  header length (4)  header (JSON)
//	Badger's backup stream (store.DB.Backup)
//	trailer (JSON)  trailer length (4)  SHA-256 of all before it (32)  "KBAK-END"
//
// (numbers big-endian). The header has the time it was made and the pass
// keyring file's bytes; the trailer the head of the audit chain (sequence
// and hash) and the schema version as found in the stream itself, so they
// are those of the snapshot Badger took, whatever was written meanwhile.
// Any truncation or altered byte fails the checksum before anything is
// restored. A backup is reported good only once Verify has restored it into
// a scratch store, walked its audit chain and found it ending at the
// trailer's head.
package backup

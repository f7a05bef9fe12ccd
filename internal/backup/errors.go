package backup

import "github.com/yeongdeungpo/kiosk/internal/errs"

// Refusal codes of backups; errs has each one's sentence in Korean and
// English. Arguments are folder and file paths and numbers, never personal
// data.
const (
	CodeNoFolder      errs.Code = "backup.no_folder"
	CodeNotAbsolute   errs.Code = "backup.not_absolute"   // args: the path given
	CodeFolderMissing errs.Code = "backup.folder_missing" // args: the folder
	CodeNotFolder     errs.Code = "backup.not_folder"     // args: the path
	CodeNotWritable   errs.Code = "backup.not_writable"   // args: the folder
	CodeDiskFull      errs.Code = "backup.disk_full"      // args: the folder
	CodeKeep          errs.Code = "backup.keep"           // args: the least and the most
	CodeNoFile        errs.Code = "backup.no_file"        // args: the file
	CodeNotBackup     errs.Code = "backup.not_backup"     // args: the file
	CodeNewer         errs.Code = "backup.newer"          // args: the file
	CodeDamaged       errs.Code = "backup.damaged"        // args: the file
	CodeVerifyFailed  errs.Code = "backup.verify_failed"  // args: the file
	CodeNotEmpty      errs.Code = "backup.not_empty"      // args: the folder
	CodeFailed        errs.Code = "backup.failed"
	CodeNoKeys        errs.Code = "backup.no_keys" // args: the key file
)

// Codes lists every refusal code of the package (a test checks that the
// catalogue words each one).
var Codes = []errs.Code{CodeNoFolder, CodeNotAbsolute, CodeFolderMissing, CodeNotFolder, CodeNotWritable,
	CodeDiskFull, CodeKeep, CodeNoFile, CodeNotBackup, CodeNewer, CodeDamaged, CodeVerifyFailed, CodeNotEmpty,
	CodeFailed, CodeNoKeys}

// Refusals, to match with errors.Is; the errors returned carry the folder
// or file in question as well.
var (
	// ErrNoFolder: no backup folder has been set yet.
	ErrNoFolder = errs.New(CodeNoFolder)
	// ErrNotAbsolute: the folder must be given as an absolute path.
	ErrNotAbsolute = errs.New(CodeNotAbsolute)
	// ErrFolderMissing: the backup folder is not there, or the USB stick it
	// was on is no longer mounted.
	ErrFolderMissing = errs.New(CodeFolderMissing)
	// ErrNotFolder: the path is a file, not a folder.
	ErrNotFolder = errs.New(CodeNotFolder)
	// ErrNotWritable: the kiosk may not write in the folder.
	ErrNotWritable = errs.New(CodeNotWritable)
	// ErrDiskFull: the backup folder's disk has no room left.
	ErrDiskFull = errs.New(CodeDiskFull)
	// ErrKeep: the number of backups to keep is out of range.
	ErrKeep = errs.New(CodeKeep)
	// ErrNoFile: the backup file to read does not exist.
	ErrNoFile = errs.New(CodeNoFile)
	// ErrNotBackup: the file is not a kiosk backup.
	ErrNotBackup = errs.New(CodeNotBackup)
	// ErrNewer: the backup was written by a newer version of the kiosk.
	ErrNewer = errs.New(CodeNewer)
	// ErrDamaged: the file is truncated or altered (its checksum or its
	// structure is wrong).
	ErrDamaged = errs.New(CodeDamaged)
	// ErrVerifyFailed: the file is intact but what it restores is not a
	// sound store (the audit chain is broken or ends elsewhere than the
	// backup recorded).
	ErrVerifyFailed = errs.New(CodeVerifyFailed)
	// ErrNotEmpty: a restore goes into an empty (or new) folder only.
	ErrNotEmpty = errs.New(CodeNotEmpty)
	// ErrNoKeys: the store holds bookings but there are no pass keys to
	// put in the backup (their file was deleted and no keyring was given):
	// restored, it would turn every pass issued into a forgery.
	ErrNoKeys = errs.New(CodeNoKeys)
	// ErrFailed: the backup failed for a reason that is not one of the
	// above (the log has it).
	ErrFailed = errs.New(CodeFailed)
)

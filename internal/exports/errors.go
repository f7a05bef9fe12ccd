package exports

import "github.com/yeongdeungpo/kiosk/internal/errs"

// Refusal codes of the export folder; errs has each one's sentence in
// Korean and English. Arguments are folder paths and file extensions.
const (
	CodeNoFolder      errs.Code = "exports.no_folder"
	CodeNotAbsolute   errs.Code = "exports.not_absolute"   // args: the path given
	CodeFolderMissing errs.Code = "exports.folder_missing" // args: the folder
	CodeNotFolder     errs.Code = "exports.not_folder"     // args: the path
	CodeNotWritable   errs.Code = "exports.not_writable"   // args: the folder
	CodeDiskFull      errs.Code = "exports.disk_full"      // args: the folder
	CodeFormat        errs.Code = "exports.format"         // args: the extension asked for
)

// Codes lists every refusal code of the package (a test checks that the
// catalogue words each one).
var Codes = []errs.Code{CodeNoFolder, CodeNotAbsolute, CodeFolderMissing, CodeNotFolder, CodeNotWritable,
	CodeDiskFull, CodeFormat}

// Refusals, to match with errors.Is; the errors returned carry the folder
// or path in question as well.
var (
	// ErrNoFolder: no export folder has been set yet.
	ErrNoFolder = errs.New(CodeNoFolder)
	// ErrNotAbsolute: the folder must be given as an absolute path.
	ErrNotAbsolute = errs.New(CodeNotAbsolute)
	// ErrFolderMissing: the folder does not exist (a USB stick pulled out).
	ErrFolderMissing = errs.New(CodeFolderMissing)
	// ErrNotFolder: the path is a file, not a folder.
	ErrNotFolder = errs.New(CodeNotFolder)
	// ErrNotWritable: the kiosk may not write in the folder (permissions,
	// a read-only stick).
	ErrNotWritable = errs.New(CodeNotWritable)
	// ErrDiskFull: the folder's disk has no room left.
	ErrDiskFull = errs.New(CodeDiskFull)
	// ErrFormat: an export is a .csv or an .xlsx file.
	ErrFormat = errs.New(CodeFormat)
)

package backup

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/export"
	"github.com/yeongdeungpo/kiosk/internal/folder"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Format is the version of the file format this package writes and reads.
const Format = 1

var (
	magic    = []byte("KIOSKBAK")
	endMagic = []byte("KBAK-END")
)

// Sizes of the fixed parts: the front (magic, format, header length) and
// the back (trailer length, checksum, end magic).
const (
	frontSize = 8 + 2 + 4
	backSize  = 4 + sha256.Size + 8
	// maxPart bounds the header and the trailer (a keyring of 256 keys is
	// about 25 KiB).
	maxPart = 4 << 20
)

// header is what a backup says of itself before the stream.
type header struct {
	Created time.Time `json:"created"`
	// KeyFile is the pass keyring file's name and Keys its bytes; nil when
	// the centre had none (a store in memory).
	KeyFile string `json:"key_file,omitempty"`
	Keys    []byte `json:"keys,omitempty"`
}

// trailer is what a backup says after the stream: the snapshot's audit
// head and schema, and the stream's length.
type trailer struct {
	StreamBytes int64  `json:"stream_bytes"`
	AuditSeq    uint64 `json:"audit_seq"`
	AuditHash   string `json:"audit_hash"`
	Schema      int    `json:"schema"`
}

// Info describes a backup file.
type Info struct {
	Path    string
	Bytes   int64
	Created time.Time
	// AuditSeq and AuditHash are the head of the audit chain in the
	// backup: its number of entries and the last one's hash.
	AuditSeq  uint64
	AuditHash string
	Schema    int
	// Keys: the file carries the pass keys.
	Keys bool
}

// Options tune Write.
type Options struct {
	// Now stamps the backup (time.Now when nil).
	Now func() time.Time
	// Scratch is the folder in which Verify restores the new file for its
	// check ("": the system's temporary folder).
	Scratch string
	// Keys returns the pass keys to carry, as their file holds them: the
	// keyring the running program signs with (centre.Centre.Keys.Marshal).
	// Nil: the key file in the data directory is read.
	Keys func() ([]byte, error)
	// Rate caps the backup's speed in bytes a second, writing and
	// verifying alike (0: DefaultRate; below 0: as fast as it goes).
	Rate int64
}

func (o Options) rate() int64 {
	if o.Rate == 0 {
		return DefaultRate
	}
	return o.Rate
}

// KeyFilePath is where the pass keyring of the store in dir lives.
func KeyFilePath(dir string) string { return filepath.Join(dir, pass.KeyFile) }

// tempPrefix starts the name of the file Write fills before renaming it.
const tempPrefix = ".kiosk-backup-"

// Write backs up db (online: writes go on meanwhile) and the pass keys
// beside it to path, verifies the file (see Verify) and only then gives it
// its name: the file is written as a hidden temporary file in the same
// folder (mode 0600, never through a symbolic link at path), synced, checked
// and renamed over path. On any failure, or when ctx is done, nothing is left
// behind. A folder that is missing, not writable or full is a refusal
// (ErrFolderMissing, ErrNotWritable, ErrDiskFull) naming the folder.
func Write(ctx context.Context, db *store.DB, path string, o Options) (info Info, err error) {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		return Info{}, folderRefusal(dir, err)
	} else if !fi.IsDir() {
		return Info{}, errs.New(CodeNotFolder, dir)
	}
	if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
		return Info{}, errs.New(CodeNotFolder, path)
	}
	h := header{Created: now().UTC().Truncate(time.Second)}
	if h.Keys, err = passKeys(db, o.Keys); err != nil {
		return Info{}, err
	}
	if h.Keys != nil {
		h.KeyFile = pass.KeyFile
	}

	removeAbandoned(dir, tempPrefix)
	tmp, err := export.CreateTemp(dir, tempPrefix, 0o600)
	if err != nil {
		return Info{}, folderRefusal(dir, err)
	}
	release, err := holdLock(tmp.Name())
	if err != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return Info{}, folderRefusal(dir, err)
	}
	defer release()
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	size, err := fill(newPacer(ctx, o.rate()), tmp, db, h)
	if err != nil {
		if ctx.Err() != nil {
			return Info{}, ctx.Err()
		}
		return Info{}, folderRefusal(dir, err)
	}
	if err = tmp.Sync(); err != nil {
		return Info{}, folderRefusal(dir, err)
	}
	if err = tmp.Close(); err != nil {
		return Info{}, folderRefusal(dir, err)
	}
	info, err = verify(ctx, tmp.Name(), path, o.Scratch, o.rate())
	if err != nil {
		return Info{}, err
	}
	if info.Bytes != size {
		return Info{}, fmt.Errorf("backup: wrote %d bytes, the file has %d", size, info.Bytes)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return Info{}, folderRefusal(dir, err)
	}
	export.SyncFolder(dir)
	info.Path = path
	return info, nil
}

// fill writes the whole backup to f and returns its size.
func fill(pace *pacer, f *os.File, db *store.DB, h header) (int64, error) {
	sum := sha256.New()
	bw := bufio.NewWriterSize(f, 1<<20)
	out := &countWriter{w: io.MultiWriter(bw, sum)}
	hj, err := json.Marshal(h)
	if err != nil {
		return 0, err
	}
	front := append([]byte(nil), magic...)
	front = binary.BigEndian.AppendUint16(front, Format)
	front = binary.BigEndian.AppendUint32(front, uint32(len(hj)))
	if _, err := out.Write(append(front, hj...)); err != nil {
		return 0, err
	}

	// The stream goes to the file and, through a pipe, to a reader that
	// finds the audit head and the schema in it.
	pr, pw := io.Pipe()
	type scanned struct {
		s   streamFacts
		err error
	}
	got := make(chan scanned, 1)
	go func() {
		s, err := scanStream(pr)
		// Whatever happened, drain the pipe so that the backup is not
		// left waiting on it.
		_, _ = io.Copy(io.Discard, pr)
		got <- scanned{s, err}
	}()
	streamStart := out.n
	werr := db.Backup(&ctxWriter{pace: pace, w: io.MultiWriter(out, pw)})
	_ = pw.CloseWithError(werr)
	sc := <-got
	if werr != nil {
		return 0, werr
	}
	if sc.err != nil {
		return 0, fmt.Errorf("backup: reading the stream back: %w", sc.err)
	}
	t := trailer{StreamBytes: out.n - streamStart, AuditSeq: sc.s.seq, AuditHash: sc.s.hash, Schema: sc.s.schema}
	tj, err := json.Marshal(t)
	if err != nil {
		return 0, err
	}
	if _, err := out.Write(binary.BigEndian.AppendUint32(tj, uint32(len(tj)))); err != nil {
		return 0, err
	}
	// The checksum and the end mark go to the file only.
	if _, err := bw.Write(append(sum.Sum(nil), endMagic...)); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return out.n + sha256.Size + int64(len(endMagic)), nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ctxWriter writes to w at the pace's rate until its context is done.
type ctxWriter struct {
	pace *pacer
	w    io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.pace.add(len(p)); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// folderRefusal turns a file system failure in the backup folder into the
// refusal that says what to do, keeping the cause; other failures are
// returned as they are.
func folderRefusal(dir string, err error) error { return folderCodes.Refusal(dir, err) }

// folderCodes are the backup folder's refusals.
var folderCodes = folder.Codes{NotAbsolute: CodeNotAbsolute, NotFolder: CodeNotFolder,
	Missing: CodeFolderMissing, Denied: CodeNotWritable, Full: CodeDiskFull}

// opened is a backup file whose checksum and structure are right.
type opened struct {
	f        *os.File
	size     int64
	h        header
	t        trailer
	streamAt int64
}

// open reads path's header and trailer and checks its checksum: name is
// how refusals call the file.
func open(path, name string) (*opened, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %w", errs.New(CodeNoFile, name), err)
	}
	if err != nil {
		return nil, err
	}
	o, err := check(f, name)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return o, nil
}

func check(f *os.File, name string) (*opened, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errs.New(CodeNotBackup, name)
	}
	size := fi.Size()
	damaged := func(why string, a ...any) error {
		return fmt.Errorf("%w: %s", errs.New(CodeDamaged, name), fmt.Sprintf(why, a...))
	}
	front := make([]byte, frontSize)
	if _, err := io.ReadFull(f, front); err != nil || string(front[:8]) != string(magic) {
		if size >= 8 && string(front[:8]) == string(magic) {
			return nil, damaged("shorter than its front")
		}
		return nil, errs.New(CodeNotBackup, name)
	}
	if v := binary.BigEndian.Uint16(front[8:]); v > Format {
		return nil, fmt.Errorf("%w: format %d", errs.New(CodeNewer, name), v)
	} else if v == 0 {
		return nil, damaged("format 0")
	}
	hlen := int64(binary.BigEndian.Uint32(front[10:]))
	if hlen > maxPart || frontSize+hlen+backSize > size {
		return nil, damaged("header of %d bytes in a file of %d", hlen, size)
	}
	// The checksum over everything before it, read once.
	sum := sha256.New()
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if _, err := io.Copy(sum, io.LimitReader(f, size-sha256.Size-8)); err != nil {
		return nil, err
	}
	back := make([]byte, sha256.Size+8)
	if _, err := io.ReadFull(f, back); err != nil {
		return nil, damaged("end: %v", err)
	}
	if string(back[sha256.Size:]) != string(endMagic) {
		return nil, damaged("no end mark")
	}
	if string(sum.Sum(nil)) != string(back[:sha256.Size]) {
		return nil, damaged("checksum mismatch")
	}
	o := &opened{f: f, size: size, streamAt: frontSize + hlen}
	hj := make([]byte, hlen)
	if _, err := f.ReadAt(hj, frontSize); err != nil {
		return nil, damaged("header: %v", err)
	}
	if err := json.Unmarshal(hj, &o.h); err != nil {
		return nil, damaged("header: %v", err)
	}
	var tl [4]byte
	if _, err := f.ReadAt(tl[:], size-backSize); err != nil {
		return nil, damaged("trailer: %v", err)
	}
	tlen := int64(binary.BigEndian.Uint32(tl[:]))
	if tlen > maxPart || o.streamAt+tlen+backSize > size {
		return nil, damaged("trailer of %d bytes", tlen)
	}
	tj := make([]byte, tlen)
	if _, err := f.ReadAt(tj, size-backSize-tlen); err != nil {
		return nil, damaged("trailer: %v", err)
	}
	if err := json.Unmarshal(tj, &o.t); err != nil {
		return nil, damaged("trailer: %v", err)
	}
	if o.t.StreamBytes != size-backSize-tlen-o.streamAt {
		return nil, damaged("stream of %d bytes, the trailer says %d", size-backSize-tlen-o.streamAt, o.t.StreamBytes)
	}
	return o, nil
}

// stream is the Badger backup stream inside the file.
func (o *opened) stream() io.Reader {
	return bufio.NewReaderSize(io.NewSectionReader(o.f, o.streamAt, o.t.StreamBytes), 1<<20)
}

func (o *opened) info(path string) Info {
	return Info{Path: path, Bytes: o.size, Created: o.h.Created, AuditSeq: o.t.AuditSeq, AuditHash: o.t.AuditHash,
		Schema: o.t.Schema, Keys: o.h.Keys != nil}
}

// passKeys are the pass keys a backup of db carries: from keys when given,
// else from the key file in db's directory. A store that holds bookings
// without keys is refused (ErrNoKeys): its passes would not check in after
// a restore, and the restored directory would not open.
func passKeys(db *store.DB, keys func() ([]byte, error)) ([]byte, error) {
	if keys != nil {
		raw, err := keys()
		if err != nil {
			return nil, fmt.Errorf("backup: the pass keys: %w", err)
		}
		return raw, nil
	}
	d := db.Dir()
	if d == "" {
		return nil, nil
	}
	raw, err := os.ReadFile(KeyFilePath(d))
	switch {
	case err == nil:
		return raw, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("backup: reading the pass keys: %w", err)
	}
	var any bool
	if err := db.View(func(tx *store.Txn) (err error) { any, err = booking.AnyBooking(tx); return err }); err != nil {
		return nil, err
	}
	if any {
		return nil, errs.New(CodeNoKeys, KeyFilePath(d))
	}
	return nil, nil
}

// removeAbandoned removes what backups killed half-way left in dir under
// names starting with prefix (a temporary backup file, a scratch store: a
// full copy of the centre's data): those whose lock nobody holds.
func removeAbandoned(dir, prefix string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		if !strings.HasPrefix(e.Name(), prefix) || e.Type()&fs.ModeSymlink != 0 {
			continue
		}
		p := filepath.Join(dir, e.Name())
		lock := p
		if e.IsDir() {
			lock = filepath.Join(p, scratchLock)
		}
		if abandoned(lock) {
			_ = os.RemoveAll(p)
		}
	}
}

package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/badger/v4/y"
	"github.com/dgraph-io/ristretto/v2/z"
	"google.golang.org/protobuf/proto"
)

// Opening a data directory safely.
//
// Badger's own open writes before it knows whether the directory is sound:
// it truncates the tail of the memtable logs and of the last value log,
// deletes every .sst the MANIFEST does not list (so a missing or truncated
// MANIFEST wipes the store), creates a MANIFEST where there is none and
// rewrites it. It ignores nothing it cannot read, but it panics, in
// goroutines of its own that no recover reaches, on a table whose index or
// blocks are garbage. So Open, before Badger sees the directory:
//
//  1. takes the directory's lock (the one Badger takes), so that no other
//     process changes the files while they are checked;
//  2. checks the files alone (preflight): Badger files without a MANIFEST
//     are refused; the MANIFEST is replayed read-only and every table it
//     lists must be on disk; every table is opened and its checksums
//     verified here, in this goroutine, where a panic is recovered;
//  3. opens a copy (the probe, see probe): hard links to the tables, which
//     Badger never writes, copies of everything Badger may write, in
//     <dir>/.probe-<pid>; reads every key and value, checks the audit
//     chain's end against its anchor (verifyTail: the whole chain is
//     VerifyAudit's) and that no table Badger would delete holds data
//     found nowhere else;
//  4. only then, with the probe removed, opens the directory itself.
//
// A refusal leaves the data directory as it was, byte for byte.

// probePrefix names the probe directories. Badger reads only the files
// directly in its directory (tables, logs and MANIFEST by name; the size
// it reports walks subdirectories, which only changes a metric), so a probe
// directory is never taken for data.
const probePrefix = ".probe-"

// reserveBytes is the free space the store keeps for Badger: the memtable
// log of the memtable being written (mapped at twice MemTableSize), the
// table a flush writes, and a value log file (mapped at twice its size).
// Badger writes all three through memory maps, where a full disk is a
// SIGBUS that kills the process instead of an error; so a write that would
// leave less than this free is refused with ErrDiskFull before Badger
// starts it, and so is an Open. A variable for the tests.
var reserveBytes = func(o badger.Options) int64 {
	return 4*o.MemTableSize + 2*o.ValueLogFileSize
}

// inventory is what a data directory holds, by Badger's names.
type inventory struct {
	dir      string
	manifest bool
	ssts     map[uint64]string // table id -> file name
	logs     []string          // .mem and .vlog files with something in them
	empty    []string          // .mem and .vlog files of 0 bytes
	small    []string          // KEYREGISTRY, DISCARD
	copySize int64             // the space copies of the mutable files take
}

func (inv *inventory) hasBadgerFiles() bool {
	return inv.manifest || len(inv.ssts) > 0 || len(inv.logs) > 0 || len(inv.empty) > 0 || len(inv.small) > 0
}

func takeInventory(dir string) (*inventory, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	inv := &inventory{dir: dir, ssts: map[uint64]string{}}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		info, err := e.Info()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		switch ext := filepath.Ext(name); {
		case name == badger.ManifestFilename:
			inv.manifest = true
			inv.copySize += allocated(info)
		case name == "KEYREGISTRY" || name == "DISCARD":
			inv.small = append(inv.small, name)
			inv.copySize += allocated(info)
		case ext == ".sst":
			id, ok := table.ParseFileID(name)
			if !ok {
				return nil, corruptf(CauseUnknown, "%s is not a table name", name)
			}
			inv.ssts[id] = name
		case ext == ".mem" || ext == ".vlog":
			if info.Size() == 0 {
				inv.empty = append(inv.empty, name)
				continue
			}
			inv.logs = append(inv.logs, name)
			inv.copySize += allocated(info)
		}
	}
	// Only the newest log of each kind can be the 0-byte leftover of a
	// crash (#2207, see probe): Badger creates a log only after the one
	// before it, so an empty log with a newer one beside it was emptied
	// after it held writes.
	for _, name := range inv.empty {
		ext := filepath.Ext(name)
		n := logNumber(name)
		for _, other := range inv.logs {
			if filepath.Ext(other) == ext && logNumber(other) > n {
				return nil, corruptf(CauseLogDamaged, "%s is empty, though the newer %s is not", name, other)
			}
		}
	}
	return inv, nil
}

// logNumber is the number a memtable or value log file is named by (-1
// for a name that is not one).
func logNumber(name string) int64 {
	n, err := strconv.ParseInt(strings.TrimSuffix(name, filepath.Ext(name)), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// safeOpen is Open once the directory exists and is private.
func safeOpen(dir string, known int) (*DB, error) {
	o := Options(dir, slog.Default())
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	locked := true
	defer func() {
		if locked {
			unlock()
		}
	}()
	removeStaleProbes(dir)
	inv, err := takeInventory(dir)
	if err != nil {
		return nil, err
	}
	if free, ok := freeBytes(dir); ok {
		if need := reserveBytes(o) + inv.copySize; free < need {
			return nil, diskFull(fmt.Errorf("%d bytes free in %s, the store needs %d", free, dir, need))
		}
	}
	a, hasAnchor, err := readAnchor(dir)
	if err != nil {
		return nil, err
	}
	if err := probe(o, inv, a, known); err != nil {
		return nil, err
	}
	// A log of 0 bytes holds nothing (see probe); Badger would fail on it.
	for _, name := range inv.empty {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
	}
	// Badger takes the lock itself, on a descriptor of its own. The tables
	// were all verified whole above: the real open checks each block as
	// it is read from now on, rather than reading every table once more.
	unlock()
	locked = false
	db, err := open(o.WithChecksumVerificationMode(options.OnBlockRead), dir)
	if err != nil {
		return nil, err
	}
	if !hasAnchor || a.Seq < db.head.seq {
		db.anchorHead()
	}
	return db, nil
}

// removeStaleProbes removes probe directories left by runs that died. The
// directory's lock is held, and a probe lives only while its run holds it:
// every probe directory found is stale.
func removeStaleProbes(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), probePrefix) {
			_ = os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// probe checks the directory in inv without writing to it (steps 2 and 3
// above).
func probe(o badger.Options, inv *inventory, a anchor, known int) error {
	if !inv.manifest {
		if inv.hasBadgerFiles() {
			return corruptf(CauseManifestMissing, "%s holds Badger files but no MANIFEST", inv.dir)
		}
		if a.Seq > 0 {
			return corruptf(CauseFilesMissing, "%s has an audit anchor at entry %d but no store", inv.dir, a.Seq)
		}
		return nil // a new store
	}
	m, err := replayManifest(inv.dir, o)
	if err != nil {
		return corrupt(CauseManifestDamaged, err)
	}
	for id := range m.Tables {
		if _, ok := inv.ssts[id]; !ok {
			return corruptf(CauseTableMissing, "the MANIFEST lists table %d, which is not there", id)
		}
	}
	retired, err := deletedTables(inv.dir)
	if err != nil {
		return corrupt(CauseManifestDamaged, err)
	}
	// Every table is opened here first, in this goroutine: Badger opens
	// them in goroutines of its own, where garbage in an index or a block
	// is a panic nothing can recover.
	orphans := map[uint64]*table.Table{}
	defer func() {
		for _, t := range orphans {
			_ = t.Close(-1)
		}
	}()
	for id, name := range inv.ssts {
		tm, listed := m.Tables[id]
		comp := o.Compression
		if listed {
			comp = tm.Compression
		}
		t, err := checkTable(filepath.Join(inv.dir, name), o, comp)
		if err != nil {
			if listed {
				return corrupt(CauseTableDamaged, err)
			}
			// A table the MANIFEST does not list and that cannot be
			// read is the output of a flush or compaction cut short
			// by a crash: written before its MANIFEST change, which
			// never came. Badger deletes it; its data is still where
			// it was taken from. (A MANIFEST cut short leaves whole
			// tables unlisted, which are checked below.)
			continue
		}
		if listed || retired[id] {
			// A table the MANIFEST records as deleted is a compaction's
			// input left on disk (Badger removes it once its last reader
			// is done): the compaction's output holds what it carried on.
			_ = t.Close(-1)
		} else {
			orphans[id] = t
		}
	}

	pdir := filepath.Join(inv.dir, fmt.Sprintf("%s%d", probePrefix, os.Getpid()))
	if err := os.Mkdir(pdir, 0o700); err != nil {
		return fileError(err)
	}
	defer os.RemoveAll(pdir)
	for _, name := range inv.ssts {
		if err := linkOrCopy(filepath.Join(inv.dir, name), filepath.Join(pdir, name)); err != nil {
			return fileError(err)
		}
	}
	// A memtable or value log of 0 bytes is what a crash between creating
	// it and sizing it leaves (dgraph-io/badger#2207): it holds nothing,
	// and Badger, opening it, sizes it and then fails with "Create a new
	// file" (z.NewFile), though a second open succeeds with everything
	// there. It is left out of the probe and removed before the real
	// open; no value pointer can name a value log that never held a
	// byte, and a memtable's number names nothing else.
	mutable := append(append([]string{badger.ManifestFilename}, inv.small...), inv.logs...)
	for _, name := range mutable {
		if err := copyFile(filepath.Join(inv.dir, name), filepath.Join(pdir, name)); err != nil {
			return fileError(err)
		}
	}
	return probeOpen(o, pdir, m, orphans, a, known)
}

// probeOpen opens the copy in pdir and verifies it.
func probeOpen(o badger.Options, pdir string, m badger.Manifest, orphans map[uint64]*table.Table, a anchor, known int) (err error) {
	po := o.WithDir(pdir).WithValueDir(pdir).
		// No compaction: it would delete tables, and Badger deletes a
		// table by truncating it first, through the hard link.
		WithNumCompactors(0).
		WithCompactL0OnClose(false).
		// Every block of every table was verified by checkTable a moment
		// ago, and the probe's tables are links to those very bytes: the
		// scan need not check them again (values are still checked).
		WithChecksumVerificationMode(options.NoVerification).
		WithLogger(slogLogger{slog.New(slog.DiscardHandler)})
	// A fault on a mapped file (SIGBUS: a full disk, a file cut short
	// under the map) is a panic here rather than the end of the process.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = panicError(pdir, r)
		}
	}()
	bdb, err := badger.Open(po)
	if err != nil {
		return probeError(err)
	}
	defer func() {
		if cerr := closeRecovering(bdb); cerr != nil && err == nil {
			err = probeError(cerr)
		}
	}()
	loaded := map[uint64]bool{}
	for _, t := range bdb.Tables() {
		loaded[t.ID] = true
	}
	for id := range m.Tables {
		if !loaded[id] {
			return corruptf(CauseTableDamaged, "table %d was not loaded", id)
		}
	}
	return bdb.View(func(btx *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.PrefetchValues = false
		it := btx.NewIterator(opt)
		for it.Rewind(); it.Valid(); it.Next() {
			if err := itemValue(it.Item(), func([]byte) error { return nil }); err != nil {
				it.Close()
				if isNoSpace(err) {
					return diskFull(err)
				}
				return corrupt(CauseValueDamaged, err)
			}
		}
		it.Close()
		// Before the chain, which would also miss what such tables
		// hold, but say less about why.
		if err := checkOrphans(btx, orphans); err != nil {
			return err
		}
		// Every write has its audit entry in its own transaction: a gap
		// in their numbers is writes lost (a damaged older memtable log
		// that Badger replayed only up to the damage), wherever it is.
		if err := auditKeysContiguous(btx); err != nil {
			return err
		}
		tx := &Txn{btx: btx, readOnly: true}
		if err := verifyTail(tx, a); err != nil {
			return err
		}
		// Badger's own open writes (a new value log, at least): a
		// program that does not know the store's schema refuses it
		// here, leaving the directory as it was.
		return checkSchema(tx, known)
	})
}

// checkOrphans decides whether deleting the tables the MANIFEST does not
// list (Badger deletes them on open) loses anything.
//
// Two things leave such tables, and only by their content can they be told
// apart. A crash: a flush or compaction writes its table before the
// MANIFEST change that adds it (and, for a compaction, removes its inputs
// in the same change). Until that change is written, the data is still in
// the inputs, which the MANIFEST lists, or in the memtable log that was
// being flushed, which is deleted only after the change. A MANIFEST cut
// short: the tables its lost changes added hold data that is nowhere else
// (the inputs of a lost compaction are gone from the disk, which is caught
// above as a listed table missing; the memtable log of a lost flush was
// deleted). A compaction's inputs left on disk after its change (removed
// from the MANIFEST but not yet deleted) hold data the outputs carry on.
//
// So a table the MANIFEST does not list may go when each of its keys is in
// the opened store at its version or a later one (a later write, or a
// deletion, supersedes it): then the store without it answers every read
// the same. The audit log makes this sharp: its keys are written once and
// never overwritten, so a table holding any audit entry the store lacks is
// refused. A table that cannot be read at all is taken for a crash's torn
// output (checked in probe): a MANIFEST cut short leaves whole tables.
func checkOrphans(btx *badger.Txn, orphans map[uint64]*table.Table) error {
	internal := []byte("!badger!")
	for id, t := range orphans {
		it := t.NewIterator(0)
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Key()
			uk, ts := y.ParseKey(k), y.ParseTs(k)
			if bytes.HasPrefix(uk, internal) {
				continue
			}
			if v := newestVersion(btx, uk); v < ts {
				_ = it.Close()
				return corruptf(CauseTablesUnlisted, "table %d, which the MANIFEST does not list, holds %q at version %d; the store has it only at %d", id, uk, ts, v)
			}
		}
		_ = it.Close()
	}
	return nil
}

// newestVersion is the version of the newest entry for key (a deletion
// included), 0 if there is none.
func newestVersion(btx *badger.Txn, key []byte) uint64 {
	opt := badger.DefaultIteratorOptions
	opt.PrefetchValues = false
	// A deletion is a version too: without AllVersions the iterator skips
	// a deleted key, and a table holding its older value would look like
	// the only place that value lives.
	opt.AllVersions = true
	it := btx.NewKeyIterator(key, opt)
	defer it.Close()
	it.Rewind()
	if it.Valid() && bytes.Equal(it.Item().Key(), key) {
		return it.Item().Version()
	}
	return 0
}

// replayManifest reads dir's MANIFEST without writing to it.
func replayManifest(dir string, o badger.Options) (m badger.Manifest, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading the MANIFEST: %v", r)
		}
	}()
	f, err := os.Open(filepath.Join(dir, badger.ManifestFilename))
	if err != nil {
		return badger.Manifest{}, err
	}
	defer f.Close()
	quiet := o.WithLogger(slogLogger{slog.New(slog.DiscardHandler)})
	m, _, err = badger.ReplayManifestFile(f, o.ExternalMagicVersion, quiet)
	return m, err
}

// checkTable opens the table at path read-only and verifies every block's
// checksum, recovering any panic. It returns the open table.
func checkTable(path string, o badger.Options, comp options.CompressionType) (t *table.Table, err error) {
	var mf *z.MmapFile
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("table %s: %v", filepath.Base(path), firstLine(r))
		}
		if err != nil && mf != nil {
			_ = z.Munmap(mf.Data)
			_ = mf.Fd.Close()
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	mf, err = z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil {
		mf = nil
		return nil, fmt.Errorf("table %s: %v", filepath.Base(path), err)
	}
	t, err = table.OpenTable(mf, table.Options{
		ChkMode:            options.OnTableAndBlockRead,
		BlockSize:          o.BlockSize,
		BloomFalsePositive: o.BloomFalsePositive,
		TableSize:          uint64(o.BaseTableSize),
		Compression:        comp,
	})
	if err != nil {
		return nil, fmt.Errorf("table %s: %v", filepath.Base(path), err)
	}
	return t, nil
}

// closeRecovering closes bdb, turning a panic into an error.
func closeRecovering(bdb *badger.DB) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("closing: %v", firstLine(r))
		}
	}()
	return bdb.Close()
}

// probeError classifies an error from opening the probe.
func probeError(err error) error {
	msg := err.Error()
	switch {
	case isNoSpace(err):
		return diskFull(err)
	case strings.Contains(msg, "while opening memtables"), strings.Contains(msg, "vlog.open"),
		strings.Contains(msg, "value log"):
		return corrupt(CauseLogDamaged, err)
	case strings.Contains(msg, "Level validation"), strings.Contains(msg, "table"):
		return corrupt(CauseTableDamaged, err)
	case strings.Contains(msg, "MANIFEST"), strings.Contains(msg, "manifest"):
		return corrupt(CauseManifestDamaged, err)
	default:
		return corrupt(CauseUnknown, err)
	}
}

// panicError classifies a panic met while opening or reading a copy in dir:
// on a full disk it is that (a write through a map faulted), else damage.
func panicError(dir string, r any) error {
	err := fmt.Errorf("panic: %s", firstLine(r))
	if free, ok := freeBytes(dir); ok && free < 1<<20 {
		return diskFull(err)
	}
	return corrupt(CauseEngineFailed, err)
}

// fileError classifies an error making the probe's copy.
func fileError(err error) error {
	if isNoSpace(err) {
		return diskFull(err)
	}
	return fmt.Errorf("%w: %v", ErrUnreadable, err)
}

func firstLine(r any) string {
	s := strings.TrimSpace(fmt.Sprint(r))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// linkOrCopy hard-links src to dst, copying where the file system refuses.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	return copyFile(src, dst)
}

// copyFile copies src to a new file dst, leaving holes where src reads as
// zeros: Badger's logs are sparse files mapped at their full size, and a
// dense copy would take that much disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	const chunk = 64 << 10
	buf := make([]byte, 16*chunk)
	var off int64
	for {
		n, rerr := io.ReadFull(in, buf)
		for i := 0; i < n; i += chunk {
			part := buf[i:min(i+chunk, n)]
			if !allZero(part) {
				if _, err := out.WriteAt(part, off+int64(i)); err != nil {
					_ = out.Close()
					return err
				}
			}
		}
		off += int64(n)
		if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) {
			break
		}
		if rerr != nil {
			_ = out.Close()
			return rerr
		}
	}
	if err := out.Truncate(st.Size()); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// allocated is the disk space a file takes (less than its size when it
// has holes).
func allocated(info fs.FileInfo) int64 {
	if n, ok := blocksOf(info); ok {
		return n
	}
	return info.Size()
}

// auditKeysContiguous checks, reading keys only, that the audit entries
// run from 1 up with none missing.
func auditKeysContiguous(btx *badger.Txn) error {
	opt := badger.DefaultIteratorOptions
	opt.PrefetchValues = false
	opt.Prefix = auditPrefix
	it := btx.NewIterator(opt)
	defer it.Close()
	want := uint64(1)
	for it.Rewind(); it.Valid(); it.Next() {
		if !bytes.Equal(it.Item().Key(), auditKey(want)) {
			return corrupt(CauseAuditBroken, fmt.Errorf("%w: entry %d missing or out of place", ErrAuditBroken, want))
		}
		want++
	}
	return nil
}

// deletedTables lists the tables dir's MANIFEST records a deletion of,
// reading its change sets as Badger writes them (an 8-byte magic, then
// records of length, CRC-32C and a ManifestChangeSet) up to the first torn
// one, as Badger's replay does. (Badger's Manifest keeps only the tables
// still listed.) A MANIFEST rewritten since forgets its deletions: a
// compaction input left from before the rewrite is then judged by its
// content (checkOrphans).
func deletedTables(dir string) (map[uint64]bool, error) {
	raw, err := os.ReadFile(filepath.Join(dir, badger.ManifestFilename))
	if err != nil {
		return nil, err
	}
	if len(raw) < 8 {
		return nil, fmt.Errorf("the MANIFEST is %d bytes long", len(raw))
	}
	crcTable := crc32.MakeTable(crc32.Castagnoli)
	out := map[uint64]bool{}
	for rest := raw[8:]; len(rest) >= 8; {
		n := binary.BigEndian.Uint32(rest[:4])
		sum := binary.BigEndian.Uint32(rest[4:8])
		if uint64(len(rest)-8) < uint64(n) {
			break
		}
		body := rest[8 : 8+n]
		if crc32.Checksum(body, crcTable) != sum {
			break
		}
		var set pb.ManifestChangeSet
		if err := proto.Unmarshal(body, &set); err != nil {
			break
		}
		for _, c := range set.Changes {
			if c.Op == pb.ManifestChange_DELETE {
				out[c.Id] = true
			}
		}
		rest = rest[8+n:]
	}
	return out, nil
}

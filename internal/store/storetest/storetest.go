// Package storetest is test support for damaging and comparing copies of a
// data directory: copy one (sparse files kept sparse), take a snapshot of
// every file's content and compare two, and change a store through Badger
// alone, as a tool or an attacker with the files would. It does not import
// the store, so the store's own tests use it too.
package storetest

import (
	"bytes"
	"crypto/sha256"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// CopyDir copies the files in from (not its folders) into to, made if need
// be. Runs of zeros are skipped rather than written: Badger's logs are
// sparse files mapped at their full size.
func CopyDir(t testing.TB, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o700); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if err := copySparse(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}

func copySparse(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	buf := make([]byte, 64<<10)
	var size int64
	for {
		n, err := in.Read(buf)
		if n > 0 {
			if chunk := buf[:n]; bytes.Count(chunk, []byte{0}) == n {
				_, err = out.Seek(int64(n), io.SeekCurrent)
			} else {
				_, err = out.Write(chunk)
			}
			size += int64(n)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			_ = out.Close()
			return err
		}
	}
	if err := out.Truncate(size); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

// Snapshot is every file and folder under dir, by path relative to dir
// (folders end with /), with a hash of each file's content.
type Snapshot map[string][32]byte

// Take snapshots dir.
func Take(t testing.TB, dir string) Snapshot {
	t.Helper()
	out := Snapshot{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = [32]byte{}
			return nil
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = sha256.Sum256(raw)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Diff says how after differs from s ("" when it does not): the paths
// removed, changed and added.
func (s Snapshot) Diff(after Snapshot) string {
	var diffs []string
	for k, v := range s {
		if w, ok := after[k]; !ok {
			diffs = append(diffs, "removed "+k)
		} else if w != v {
			diffs = append(diffs, "changed "+k)
		}
	}
	for k := range after {
		if _, ok := s[k]; !ok {
			diffs = append(diffs, "added "+k)
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, ", ")
}

// RawUpdate runs fn in one transaction on the store in dir, opened by
// Badger alone (with the kiosk's sizes), bypassing the store: no audit
// entry, no anchor.
func RawUpdate(t testing.TB, dir string, fn func(btx *badger.Txn) error) {
	t.Helper()
	bdb, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil).WithValueThreshold(64 << 10).
		WithMemTableSize(8 << 20).WithValueLogFileSize(16 << 20))
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
}

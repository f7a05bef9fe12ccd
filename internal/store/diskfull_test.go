package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/yeongdeungpo/kiosk/internal/store/storetest"
)

// smallDisk mounts a tmpfs of size bytes and returns its path; it skips the
// test when that cannot be done (not root, no mount).
func smallDisk(t *testing.T, size int64) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dk", size>>10), "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fill writes a file at p that leaves about leave bytes free on its disk.
func fill(t *testing.T, p string, leave int64) {
	t.Helper()
	free, ok := freeBytes(filepath.Dir(p))
	if !ok {
		t.Fatal("no free space figure")
	}
	n := free - leave
	if n <= 0 {
		return
	}
	fh, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	buf := bytes.Repeat([]byte{1}, 1<<20)
	for n > 0 {
		k := min(n, int64(len(buf)))
		if _, err := fh.Write(buf[:k]); err != nil {
			break
		}
		n -= k
	}
	_ = fh.Close()
}

func bookingValue(i int) []byte {
	return []byte(fmt.Sprintf(`{"id":"B%06d","room":"seminar","name":"홍길동","phone":"010-0000-%04d","org":"%s","fee":20000,"status":"paid"}`,
		i, i%10000, strings.Repeat("스타트업", 40)))
}

// TestDiskFullDuringWrites fills a small disk with booking-sized writes:
// the write that would leave the store too little room is refused with
// ErrDiskFull (not a panic, not damage); Open on the full disk says so
// too; once space is freed everything acknowledged is there.
func TestDiskFullDuringWrites(t *testing.T) {
	o := Options("x", nil)
	disk := smallDisk(t, reserveBytes(o)+24<<20)
	dir := filepath.Join(disk, "data")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	acked := map[string][]byte{}
	write := func(i int) error {
		k, v := Key("booking", i), bookingValue(i)
		err := db.Update(ActorSystem, "booking.create", func(tx *Txn) error { return tx.PutRaw(k, v) })
		if err == nil {
			acked[string(k)] = v
		}
		return err
	}
	for i := range 20 {
		if err := write(i); err != nil {
			t.Fatal(err)
		}
	}
	// The filler leaves a little more than the store keeps for itself.
	filler := filepath.Join(disk, "filler")
	fill(t, filler, reserveBytes(o)+512<<10)
	var refused error
	for i := 20; i < 100000; i++ {
		if err := write(i); err != nil {
			refused = err
			break
		}
	}
	if !errors.Is(refused, ErrDiskFull) {
		t.Fatalf("the write that filled the disk: %v, want ErrDiskFull", refused)
	}
	t.Logf("%d writes acknowledged, then: %v", len(acked), refused)
	if err := db.Close(); err != nil {
		t.Fatalf("Close on a full disk: %v", err)
	}
	// Closing flushed the memtable and freed its log: fill again.
	fill(t, filler, reserveBytes(o)/2)
	before := storetest.Take(t, dir)
	if db, err := Open(dir); !errors.Is(err, ErrDiskFull) {
		if err == nil {
			_ = db.Close()
		}
		t.Fatalf("Open on a full disk: %v, want ErrDiskFull", err)
	} else if msg := OpenMessage(dir, err); !strings.Contains(msg, "disk is full") || !strings.Contains(msg, "nothing was lost") || !strings.Contains(msg, "디스크가 가득") {
		t.Fatalf("message %q", msg)
	}
	if diff := before.Diff(storetest.Take(t, dir)); diff != "" {
		t.Fatalf("Open on a full disk changed the directory: %s", diff)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	db, err = Open(dir)
	if err != nil {
		t.Fatalf("Open once space is freed: %v", err)
	}
	defer db.Close()
	checkAcked(t, db, acked)
	if n, err := db.VerifyAudit(); err != nil || n != len(acked) {
		t.Fatalf("VerifyAudit = %d, %v; want %d", n, err, len(acked))
	}
}

// TestDiskFullChild is the child of TestDiskFullWithoutReserve: it writes
// with no room kept back until something gives, printing each
// acknowledged write.
func TestDiskFullChild(t *testing.T) {
	dir := os.Getenv("STORE_DISKFULL_DIR")
	if dir == "" {
		t.Skip("child process only")
	}
	reserveBytes = func(badger.Options) int64 { return 0 }
	db, err := Open(dir)
	if err != nil {
		fmt.Println("OPEN", err)
		os.Exit(3)
	}
	fill(t, filepath.Join(filepath.Dir(dir), "filler"), 256<<10)
	for i := 0; ; i++ {
		k := Key("booking", i)
		err := db.Update(ActorSystem, "booking.create", func(tx *Txn) error { return tx.PutRaw(k, bookingValue(i)) })
		if err != nil {
			fmt.Printf("REFUSED diskfull=%v %v\n", errors.Is(err, ErrDiskFull), err)
			_ = db.Close()
			fmt.Println("CLOSED")
			os.Exit(0)
		}
		fmt.Println("ACK", i)
	}
}

// TestDiskFullWithoutReserve shows what the reserve prevents: Badger
// writing its memory-mapped logs on a full disk. It runs in a child process
// because a write through a map to a full tmpfs is a SIGBUS in one of
// Badger's goroutines, which no recover reaches. Whatever the child's end,
// the store must open afterwards (once space is freed) with every write
// the child had acknowledged.
func TestDiskFullWithoutReserve(t *testing.T) {
	disk := smallDisk(t, reserveBytes(Options("x", nil))+16<<20)
	dir := filepath.Join(disk, "data")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDiskFullChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "STORE_DISKFULL_DIR="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := -1
	var last string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "ACK "); ok {
			acked, _ = strconv.Atoi(n)
			continue
		}
		last = line
	}
	werr := cmd.Wait()
	status := "exit 0"
	var ee *exec.ExitError
	if errors.As(werr, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			status = "signal " + ws.Signal().String()
		} else {
			status = fmt.Sprintf("exit %d", ee.ExitCode())
		}
	}
	first, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
	var fatal []string // the runtime's own lines, not the log's
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(l, "unexpected fault") || strings.HasPrefix(l, "fatal error") ||
			strings.HasPrefix(l, "panic") || strings.HasPrefix(l, "[signal") || strings.HasPrefix(l, "goroutine ") && len(fatal) < 4 {
			fatal = append(fatal, l)
		}
		if len(fatal) >= 4 {
			break
		}
	}
	if i := strings.Index(stderr.String(), "[running]:"); i >= 0 {
		t.Logf("child stack: %s", stderr.String()[i:min(len(stderr.String()), i+900)])
	}
	t.Logf("child without the reserve: %s after %d acknowledged writes; last line %q; first stderr line %q; runtime: %q", status, acked+1, last, first, fatal)
	if err := os.Remove(filepath.Join(disk, "filler")); err != nil {
		t.Fatal(err)
	}
	db, err = Open(dir)
	if err != nil {
		t.Fatalf("Open after the child, space freed: %v", err)
	}
	defer db.Close()
	missing := 0
	_ = db.View(func(tx *Txn) error {
		for i := 0; i <= acked; i++ {
			if ok, _ := tx.Has(Key("booking", i)); !ok {
				missing++
			}
		}
		return nil
	})
	if missing > 0 {
		t.Fatalf("%d of %d acknowledged writes missing", missing, acked+1)
	}
	if _, err := db.VerifyAudit(); err != nil {
		t.Fatal(err)
	}
}

package centre

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/internal/store/storetest"
)

// centreFixture is a real centre's data directory with bookings made and
// paid through the services, copied after Close or while still open (as a
// SIGKILL leaves it), and the bookings acknowledged in it.
type centreFixture struct {
	dir    string
	acked  map[string]booking.Status
	lastID string // the booking the last write made
}

func buildCentre(t *testing.T, whileOpen bool) centreFixture {
	t.Helper()
	build := filepath.Join(t.TempDir(), "build")
	c, err := Open(build, clock)
	if err != nil {
		t.Fatal(err)
	}
	desk := stafftest.Enroll(t, c.DB, "안내", staff.RoleReception)
	f := centreFixture{dir: filepath.Join(t.TempDir(), "data"), acked: map[string]booking.Status{}}
	rooms := []string{"seminar", "meeting", "multipurpose", "investment", "consulting"}
	n := 0
	for day := 1; day <= 6; day++ {
		for _, room := range rooms {
			for hour := 9; hour < 17; hour += 2 {
				from := seoul.Date(2026, 11, 27+day, hour, 0)
				b, err := c.Booking.Book(store.ActorVisitor, booking.Request{Room: room, From: from, To: from.Add(time.Hour),
					Name: "홍길동", Phone: fmt.Sprintf("010-1234-%04d", n), Org: "영등포 스타트업", Consent: true})
				if err != nil {
					if errors.Is(err, booking.ErrClosed) || errors.Is(err, booking.ErrTooFar) {
						continue
					}
					t.Fatal(err)
				}
				f.acked[b.ID], f.lastID = b.Status, b.ID
				if n%2 == 0 {
					if b, err = c.Booking.Pay(desk, b.ID, booking.PayCard); err != nil {
						t.Fatal(err)
					}
					f.acked[b.ID], f.lastID = b.Status, ""
				}
				n++
			}
		}
	}
	// The last write is a booking, so that the audit tail names one.
	from := seoul.Date(2026, 11, 28, 17, 0)
	b, err := c.Booking.Book(store.ActorVisitor, booking.Request{Room: "consulting", From: from, To: from.Add(time.Hour),
		Name: "김영희", Phone: "010-9999-0000", Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	f.acked[b.ID], f.lastID = b.Status, b.ID
	if len(f.acked) < 50 {
		t.Fatalf("only %d bookings made", len(f.acked))
	}
	if whileOpen {
		storetest.CopyDir(t, build, f.dir)
		_ = c.Close()
	} else {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		storetest.CopyDir(t, build, f.dir)
	}
	return f
}

func editFile(t *testing.T, p string, edit func([]byte) []byte) {
	t.Helper()
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, edit(raw), 0o600); err != nil {
		t.Fatal(err)
	}
}

// auditTail is the keys of the last n audit entries (store.Key("audit", seq)).
func auditTail(btx *badger.Txn, n int) [][]byte {
	opt := badger.DefaultIteratorOptions
	opt.Reverse, opt.PrefetchValues = true, false
	p := store.Prefix("audit")
	opt.Prefix = p
	it := btx.NewIterator(opt)
	defer it.Close()
	var keys [][]byte
	for it.Seek(append(bytes.Clone(p), 0xff)); it.ValidForPrefix(p) && len(keys) < n; it.Next() {
		keys = append(keys, it.Item().KeyCopy(nil))
	}
	return keys
}

type centreDamage struct {
	kind, name string
	mutate     func(t *testing.T, dir string)
	want       string // "refused", "opened", "flagged" (opened, audit -verify fails) or "" for refused or opened
}

func centreDamages(t *testing.T, f centreFixture) []centreDamage {
	var ds []centreDamage
	add := func(kind, name, want string, mutate func(t *testing.T, dir string)) {
		ds = append(ds, centreDamage{kind, name, mutate, want})
	}
	add("none", "untouched", "opened", func(*testing.T, string) {})
	add("manifest removed", "MANIFEST removed", "refused", func(t *testing.T, dir string) {
		_ = os.Remove(filepath.Join(dir, "MANIFEST"))
	})
	st, err := os.Stat(filepath.Join(f.dir, "MANIFEST"))
	if err != nil {
		t.Fatal(err)
	}
	for _, off := range []int64{0, 7, 8, st.Size() / 3, st.Size() / 2, st.Size() - 1} {
		add("manifest truncated", fmt.Sprintf("MANIFEST truncated at %d", off), "", func(t *testing.T, dir string) {
			if err := os.Truncate(filepath.Join(dir, "MANIFEST"), off); err != nil {
				t.Fatal(err)
			}
		})
	}
	files, _ := filepath.Glob(filepath.Join(f.dir, "*"))
	for _, p := range files {
		name := filepath.Base(p)
		ext := filepath.Ext(name)
		if ext != ".sst" && ext != ".vlog" && ext != ".mem" {
			continue
		}
		raw, _ := os.ReadFile(p)
		used := len(bytes.TrimRight(raw, "\x00"))
		if used == 0 {
			continue
		}
		kind := strings.TrimPrefix(ext, ".")
		for i := range 8 {
			off := used * i / 7
			if off >= used {
				off = used - 1
			}
			add(kind+" flipped", fmt.Sprintf("%s byte %d flipped", name, off), "", func(t *testing.T, dir string) {
				editFile(t, filepath.Join(dir, name), func(b []byte) []byte { b[off] ^= 0xff; return b })
			})
		}
		for _, size := range []int{0, used / 2} {
			add(kind+" truncated", fmt.Sprintf("%s truncated to %d", name, size), "", func(t *testing.T, dir string) {
				if err := os.Truncate(filepath.Join(dir, name), int64(size)); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
	add("audit tail removed", "the last entry and the booking it made removed", "refused", func(t *testing.T, dir string) {
		storetest.RawUpdate(t, dir, func(btx *badger.Txn) error {
			// Every key that names the last booking, and the entry.
			opt := badger.DefaultIteratorOptions
			opt.PrefetchValues = false
			it := btx.NewIterator(opt)
			var doomed [][]byte
			for it.Rewind(); it.Valid(); it.Next() {
				k := it.Item().Key()
				if bytes.Contains(k, []byte(f.lastID)) {
					doomed = append(doomed, it.Item().KeyCopy(nil))
					continue
				}
				var names bool
				_ = it.Item().Value(func(v []byte) error { names = bytes.Contains(v, []byte(f.lastID)); return nil })
				if names && !bytes.HasPrefix(k, store.Prefix("audit")) {
					doomed = append(doomed, it.Item().KeyCopy(nil))
				}
			}
			it.Close()
			doomed = append(doomed, auditTail(btx, 1)...)
			for _, k := range doomed {
				if err := btx.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
	})
	add("audit tail removed", "the last three entries removed", "refused", func(t *testing.T, dir string) {
		storetest.RawUpdate(t, dir, func(btx *badger.Txn) error {
			for _, k := range auditTail(btx, 3) {
				if err := btx.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
	})
	// Open checks only the chain's end against its anchor; an edit further
	// back is audit -verify's to find.
	add("audit entry edited", "an entry's actor edited", "flagged", func(t *testing.T, dir string) {
		storetest.RawUpdate(t, dir, func(btx *badger.Txn) error {
			k := auditTail(btx, 10)[9]
			item, err := btx.Get(k)
			if err != nil {
				return err
			}
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			return btx.Set(k, bytes.Replace(v, []byte(`"actor":"visitor"`), []byte(`"actor":"kioskctl"`), 1))
		})
	})
	return ds
}

// TestCorruptionTableCentre is the corruption table over a real centre's
// data directory: each damaged copy is refused as damaged, the directory
// byte for byte as it was, or opens (seeding, migrations and all) with
// every acknowledged booking as it was and a whole audit chain.
func TestCorruptionTableCentre(t *testing.T) {
	for _, whileOpen := range []bool{false, true} {
		title := "closed"
		if whileOpen {
			title = "copied while open"
		}
		t.Run(title, func(t *testing.T) {
			f := buildCentre(t, whileOpen)
			counts := map[string][3]int{} // refused, opened, opened with audit -verify failing
			for _, d := range centreDamages(t, f) {
				t.Run(d.name, func(t *testing.T) {
					dir := filepath.Join(t.TempDir(), "data")
					storetest.CopyDir(t, f.dir, dir)
					d.mutate(t, dir)
					before := storetest.Take(t, dir)
					c, err := Open(dir, clock)
					if err != nil {
						if !errors.Is(err, store.ErrCorrupt) {
							t.Fatalf("refused with %v, want store.ErrCorrupt", err)
						}
						if diff := before.Diff(storetest.Take(t, dir)); diff != "" {
							t.Fatalf("refused (%v), but the directory changed: %s", err, diff)
						}
						if d.want == "opened" || d.want == "flagged" {
							t.Fatalf("refused: %v", err)
						}
						n := counts[d.kind]
						n[0]++
						counts[d.kind] = n
						return
					}
					defer c.Close()
					if d.want == "refused" {
						t.Fatal("opened; want it refused")
					}
					for id, status := range f.acked {
						b, err := c.Booking.Get(id)
						if err != nil || b.Status != status {
							t.Fatalf("booking %s: %v %v, want %v", id, b.Status, err, status)
						}
					}
					_, err = c.DB.VerifyAudit()
					switch {
					case d.want == "flagged" && !errors.Is(err, store.ErrAuditBroken):
						t.Fatalf("VerifyAudit = %v; want the edit found", err)
					case d.want != "flagged" && err != nil:
						t.Fatalf("VerifyAudit: %v", err)
					}
					n := counts[d.kind]
					if d.want == "flagged" {
						n[2]++
						counts[d.kind] = n
						return
					}
					n[1]++
					counts[d.kind] = n
				})
			}
			var kinds []string
			for k := range counts {
				kinds = append(kinds, k)
			}
			sort.Strings(kinds)
			var b strings.Builder
			fmt.Fprintf(&b, "centre, %s (%d bookings):\n", title, len(f.acked))
			for _, k := range kinds {
				fmt.Fprintf(&b, "  %-22s refused %3d  opened %3d  opened, audit -verify fails %3d\n", k, counts[k][0], counts[k][1], counts[k][2])
			}
			t.Log(b.String())
			if p := os.Getenv("CORRUPTION_REPORT"); p != "" {
				if fh, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
					_, _ = fh.WriteString(b.String())
					_ = fh.Close()
				}
			}
		})
	}
}

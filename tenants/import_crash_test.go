package tenants

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/crashtest"
	"github.com/yeongdeungpo/kiosk/internal/ledger"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

// The import crash test runs this test binary again as a child that imports
// payments files, one after another, into a store on disk, and kills it
// with SIGKILL at random moments (as booking/crash_test.go does for
// bookings). After each kill the store is opened as the kiosk opens it
// (store.Open, then RecoverBulk) and must hold each file whole or not at
// all, with a ledger that agrees with the accounts and an unbroken audit
// chain.
const (
	importCrashDirEnv  = "KIOSK_IMPORT_CRASH_DIR"
	importCrashSeedEnv = "KIOSK_IMPORT_CRASH_SEED"
	// importCrashRowsEnv sets the size of the files, e.g. 50000 (parent
	// and child both read it); importCrashRoundsEnv the number of random
	// kills, for a longer run by hand.
	importCrashRowsEnv   = "KIOSK_IMPORT_CRASH_ROWS"
	importCrashRoundsEnv = "KIOSK_IMPORT_CRASH_ROUNDS"
)

// importCrashRows is the size of each payments file. An import of 50,000
// rows takes 5-13 s on a two-core machine (and longer the more payments are
// stored before it), which makes the eleven kills two minutes or more;
// 20,000 rows (43 staged batches an import) keep the test near 40 s. Under
// the race detector an import is about 14 times slower (18 s for 20,000
// rows), so the files are 2,000 rows there (5 staged batches).
var importCrashRows = func() int {
	if n, err := strconv.Atoi(os.Getenv(importCrashRowsEnv)); err == nil && n > 0 {
		return n
	}
	if raceEnabled() {
		return 2_000
	}
	return 20_000
}()

// raceEnabled reports whether the test binary was built with -race.
func raceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// importCrashNow is the child's clock: it stands still.
var importCrashNow = seoul.Date(2026, 11, 26, 10, 0)

// importCrashLeases are moved in by the first child (later ones find them).
var importCrashLeases = []MoveIn{
	{Unit: "I01", Company: "충돌 시험 1", BRN: propBRN(310000001), Representative: "가대표", Start: day(2026, 1, 1),
		MonthlyRent: 320000, ManagementFee: 45000, Deposit: 2000000},
	{Unit: "I02", Company: "충돌 시험 2", BRN: propBRN(310000002), Representative: "나대표", Start: day(2026, 2, 15),
		MonthlyRent: 275500, ManagementFee: 38250, Deposit: 1500000},
	{Unit: "I03", Company: "충돌 시험 3", BRN: propBRN(310000003), Representative: "다대표", Start: day(2025, 12, 10),
		MonthlyRent: 410000, ManagementFee: 52000, Deposit: 3000000},
	{Unit: "Y01", Company: "청년 충돌", Representative: "라청년", BirthDate: day(1992, 5, 5), Start: day(2026, 3, 1),
		MonthlyRent: 47000},
}

// importCrashFile is the n-th payments file of a child drawing from rng,
// and the hash it is imported under: payments of 1 to 3,000 won on the
// units above, dated from each lease's start to the child's today.
func importCrashFile(rng *rand.Rand, seed uint64, n int) ([]sheet.PaymentRow, string) {
	rows := make([]sheet.PaymentRow, importCrashRows)
	today := seoul.Midnight(importCrashNow)
	for i := range rows {
		m := importCrashLeases[rng.IntN(len(importCrashLeases))]
		span := daysBetween(m.Start, today)
		rows[i] = sheet.PaymentRow{Line: i + 2, Unit: m.Unit, Date: m.Start.AddDate(0, 0, rng.IntN(span+1)),
			Amount: 1 + rng.Int64N(3000), Method: []string{"cash", "card", "transfer"}[rng.IntN(3)]}
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "payments file %d of child %d", n, seed))
	return rows, hex.EncodeToString(sum[:])
}

// TestImportCrashChild is the child of TestImportCrashRecovery; it does
// nothing in a normal run. It opens the store as the kiosk does, seeds the
// units, moves the leases in if they are not there, and prints "READY";
// then it imports file after file, printing "START <hash>" before each
// import and "IMPORTED <hash> <milliseconds it took>" after it returned,
// until it is killed (or for 120 s, should its parent have died).
func TestImportCrashChild(t *testing.T) {
	dir := os.Getenv(importCrashDirEnv)
	if dir == "" {
		t.Skip("only run as the child of TestImportCrashRecovery")
	}
	seed, _ := strconv.ParseUint(os.Getenv(importCrashSeedEnv), 10, 64)
	fail := func(format string, a ...any) {
		fmt.Printf("ERROR "+format+"\n", a...)
		os.Exit(3)
	}
	db, err := store.Open(dir)
	if err != nil {
		fail("open: %v", err)
	}
	if _, _, err := db.RecoverBulk(); err != nil {
		fail("recover: %v", err)
	}
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := SeedUnits(tx)
		return err
	}); err != nil {
		fail("seed: %v", err)
	}
	svc := NewService(db, func() time.Time { return importCrashNow })
	for _, m := range importCrashLeases {
		if _, err := svc.Lease(leaseID(m.Unit, m.Start)); err == nil {
			continue
		}
		if _, err := svc.MoveIn(propActor, m); err != nil {
			fail("move-in %s: %v", m.Unit, err)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x63726173))
	rows, sum := importCrashFile(rng, seed, 0)
	fmt.Println("READY")
	deadline := time.Now().Add(120 * time.Second)
	for n := 1; time.Now().Before(deadline); n++ {
		fmt.Println("START", sum)
		began := time.Now()
		if k, err := svc.ImportPayments(propActor, rows, sum); err != nil || k != len(rows) {
			fail("import %s: %d, %v", sum[:16], k, err)
		}
		fmt.Println("IMPORTED", sum, time.Since(began).Milliseconds())
		rows, sum = importCrashFile(rng, seed, n)
	}
	_ = db.Close()
}

// TestImportCrashRecovery kills the importing child: first once right after
// its second import returned, which times an import; then ten times at a
// uniformly random moment up to 1.3 imports after it was ready, all on the
// same directory, checking the store after each kill.
//
// An import replays every payment stored on the leases it pays (reconcile
// reads them all), so it takes longer the more files are stored before it:
// the time of an import of rows over n payments stored is taken as the
// time measured, t over m, scaled by (n + rows) / (m + rows). Without that
// the kills would fall ever earlier in the import, where it has written
// nothing. The latest import a child reported is the measure.
func TestImportCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(20261126, 13))
	started, imported := map[string]bool{}, map[string]bool{}
	var took time.Duration // the latest import reported
	var over int           // payments stored when it began
	stored := 0            // payments stored when a child begins
	estimate := func() time.Duration {
		return time.Duration(float64(took) * float64(stored+importCrashRows) / float64(over+importCrashRows))
	}
	// note records what a child printed; last is the file it was on.
	note := func(lines []string) (s, i int, last string) {
		for _, l := range lines {
			switch f := strings.Fields(l); {
			case len(f) == 2 && f[0] == "START":
				started[f[1]] = true
				last = f[1]
				s++
			case len(f) == 3 && f[0] == "IMPORTED":
				imported[f[1]] = true
				if ms, err := strconv.Atoi(f[2]); err == nil {
					took, over = time.Duration(ms)*time.Millisecond, stored+i*importCrashRows
				}
				i++
			}
		}
		return s, i, last
	}

	begin := time.Now()
	lines, _ := runImportCrashChild(t, dir, rng.Uint64(), -2)
	s, i, _ := note(lines)
	sum := checkImportCrashStore(t, dir, started, imported)
	t.Logf("timing round: an import of %d rows over %d payments took %v (%d started, %d imported); %s",
		importCrashRows, over, took, s, i, sum)
	if t.Failed() || took == 0 {
		t.Fatal("store inconsistent after the timing round")
	}
	stored = sum.payments
	rounds := 10
	if n, err := strconv.Atoi(os.Getenv(importCrashRoundsEnv)); err == nil && n > 0 {
		rounds = n
	}
	phases := map[string]int{}
	for round := range rounds {
		d := estimate()
		delay := time.Duration(rng.Float64() * 1.3 * float64(d))
		roundStart := time.Now()
		lines, _ := runImportCrashChild(t, dir, rng.Uint64(), delay)
		s, i, last := note(lines)
		checkStart := time.Now()
		sum := checkImportCrashStore(t, dir, started, imported)
		checked := time.Since(checkStart).Round(time.Millisecond)
		// Where the kill fell, as the store tells it.
		phase := "before the import wrote (nothing of it stored)"
		switch {
		case sum.dropped > 0:
			phase = "while staging (staged batches dropped at open)"
		case sum.finished > 0:
			phase = "after the commit (the rest applied at open)"
		case last != "" && sum.stored[last[:16]] && !imported[last]:
			phase = "after the import, before it was reported"
		case last != "" && imported[last]:
			phase = "after the import was reported"
		}
		phases[phase]++
		t.Logf("round %d: killed %v after READY (an import over %d payments: about %v); %d started, %d imported; %s; %s; child ran %v, check %v",
			round, delay.Round(time.Millisecond), stored, d.Round(time.Millisecond), s, i, phase, sum,
			checkStart.Sub(roundStart).Round(time.Millisecond), checked)
		if t.Failed() {
			t.Fatalf("store inconsistent after round %d", round)
		}
		stored = sum.payments
	}
	t.Logf("%d files started, %d reported imported, in %v; kills: %v", len(started), len(imported),
		time.Since(begin).Round(time.Millisecond), phases)
}

// runImportCrashChild starts the child on dir and kills it delay after it
// reported READY, or (delay < 0) as soon as it reported -delay imports.
// It returns what the child printed and how long after READY the kill came.
func runImportCrashChild(t *testing.T, dir string, seed uint64, delay time.Duration) ([]string, time.Duration) {
	t.Helper()
	c := crashtest.Start(t, "TestImportCrashChild", importCrashDirEnv+"="+dir, fmt.Sprintf("%s=%d", importCrashSeedEnv, seed))
	if err := c.WaitForLine("READY"); err != nil {
		t.Fatal(err)
	}
	ready := time.Now()
	if delay < 0 {
		n := 0
		err := c.WaitFor(func(l string) bool {
			if strings.HasPrefix(l, "IMPORTED ") {
				n++
			}
			return n == int(-delay)
		})
		if err != nil {
			t.Fatal(err)
		}
	} else {
		time.Sleep(delay)
	}
	if !c.Kill(t) {
		t.Fatalf("child ended before the kill: %q", c.Lines)
	}
	return c.Lines, time.Since(ready)
}

// crashSummary is what checkImportCrashStore found.
type crashSummary struct {
	finished, dropped int // bulk writes RecoverBulk finished and dropped
	payments, files   int // payments stored, files stored whole
	stored            map[string]bool
}

func (s crashSummary) String() string {
	return fmt.Sprintf("%d payments of %d whole files stored", s.payments, s.files)
}

// checkImportCrashStore opens the store as the kiosk does after a crash and
// checks it against what the children reported.
func checkImportCrashStore(t *testing.T, dir string, started, imported map[string]bool) crashSummary {
	t.Helper()
	sum := crashSummary{stored: map[string]bool{}}
	db, err := store.Open(dir)
	if err != nil {
		t.Fatalf("reopen after the crash: %v", err)
	}
	defer db.Close()
	if sum.finished, sum.dropped, err = db.RecoverBulk(); err != nil {
		t.Fatalf("RecoverBulk: %v", err)
	}
	if n, err := db.CountKeys(store.Prefix("bulk")); err != nil || n != 0 {
		t.Errorf("%d keys under bulk/ after recovery (%v)", n, err)
	}
	if _, err := db.VerifyAudit(); err != nil {
		t.Errorf("audit chain: %v", err)
	}

	// One pass over what the checks need: sequential scans, not a lookup
	// per payment or entry, so that the check stays quick as files pile up.
	byFile := map[string]int{}
	byLease := map[string][]Payment{}
	var leases []Lease
	var st Settings
	var seq uint64
	byRef := map[string]ledger.Totals{}
	leasePays, entries, refs, records := 0, 0, 0, map[string]bool{}
	err = db.View(func(tx *store.Txn) error {
		if err := tx.Scan(store.Prefix("payment"), func(_, v []byte) error {
			var p Payment
			if err := decodeJSON(v, &p); err != nil {
				return err
			}
			byFile[p.Import]++
			byLease[p.Lease] = append(byLease[p.Lease], p)
			sum.payments++
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Scan(store.Prefix("leasepay"), func(_, _ []byte) error { leasePays++; return nil }); err != nil {
			return err
		}
		if err := tx.Scan(store.Prefix("import"), func(k, _ []byte) error {
			records[string(k[len(store.Prefix("import")):])] = true
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Get(paymentSeqKey, &seq); err != nil {
			return err
		}
		if err := tx.Scan(store.Prefix("lease"), func(_, v []byte) error {
			var l Lease
			if err := decodeJSON(v, &l); err != nil {
				return err
			}
			leases = append(leases, l)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Scan(store.Prefix("ledgerref"), func(_, _ []byte) error { refs++; return nil }); err != nil {
			return err
		}
		if err := tx.Scan(store.Prefix("ledger"), func(_, v []byte) error {
			var e struct { // of a ledger.Entry, what the totals need
				Ref    string
				Kind   ledger.Kind
				Amount int64
			}
			if err := decodeJSON(v, &e); err != nil {
				return err
			}
			if byRef[e.Ref] == nil {
				byRef[e.Ref] = ledger.Totals{}
			}
			byRef[e.Ref][e.Kind] += e.Amount
			entries++
			return nil
		}); err != nil {
			return err
		}
		st, err = loadSettings(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// Each file started is stored whole or not at all; each reported one
	// whole; nothing is stored of a file never started.
	for h := range started {
		n := byFile[h[:16]]
		switch {
		case imported[h] && n != importCrashRows:
			t.Errorf("file %s was reported imported but %d of its %d payments are stored", h[:16], n, importCrashRows)
		case n != 0 && n != importCrashRows:
			t.Errorf("file %s: %d of its %d payments are stored", h[:16], n, importCrashRows)
		case (n == importCrashRows) != records[h]:
			t.Errorf("file %s: %d payments stored, import record %v", h[:16], n, records[h])
		}
		if n == importCrashRows {
			sum.files++
			sum.stored[h[:16]] = true
		}
	}
	for prefix, n := range byFile {
		known := prefix == "" // the move-ins' deposits and refunds: none here
		for h := range started {
			known = known || h[:16] == prefix
		}
		if !known {
			t.Errorf("%d payments of file %q, which no child started", n, prefix)
		}
	}
	// The payment numbers handed out are the payments stored (a dropped
	// import reserved none), each indexed under its lease.
	if uint64(sum.payments) != seq || leasePays != sum.payments {
		t.Errorf("%d payments stored, %d indexed by lease, sequence at %d", sum.payments, leasePays, seq)
	}

	// Property C for every lease: its ledger entries total what its account
	// paid, by kind; and the ledger holds nothing else, each entry indexed
	// under its ref.
	if refs != entries {
		t.Errorf("%d ledger entries, %d indexed by ref", entries, refs)
	}
	for _, l := range leases {
		for _, msg := range propertyC(l, byLease[l.ID], st, importCrashNow, byRef[ledger.LeaseRef(l.ID)]) {
			t.Errorf("lease %s: C: %s", l.ID, msg)
		}
		delete(byRef, ledger.LeaseRef(l.ID))
	}
	for ref, tot := range byRef {
		t.Errorf("ledger entries of %s, which is no lease: %v", ref, tot)
	}
	return sum
}

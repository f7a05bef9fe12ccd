package seoul

import (
	"testing"
	"time"
)

func TestLocationIsKST(t *testing.T) {
	cases := []time.Time{
		time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC), // no summer time
	}
	for _, c := range cases {
		if _, off := c.In(Location).Zone(); off != 9*3600 {
			t.Errorf("%v: offset %d, want +9h", c, off)
		}
	}
	if Location.String() != "Asia/Seoul" {
		t.Errorf("location %q", Location)
	}
}

func TestMidnight(t *testing.T) {
	// 23:30 UTC on the 26th is 08:30 on the 27th in Seoul.
	got := Midnight(time.Date(2026, 11, 26, 23, 30, 0, 0, time.UTC))
	if want := Date(2026, 11, 27, 0, 0); !got.Equal(want) {
		t.Fatalf("Midnight = %v, want %v", got, want)
	}
}

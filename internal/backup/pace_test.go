package backup

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestPacerAhead(t *testing.T) {
	for _, c := range []struct {
		rate, n int64
		elapsed time.Duration
		want    time.Duration
	}{
		{rate: 1000, n: 500, elapsed: 100 * time.Millisecond, want: 400 * time.Millisecond},
		{rate: 1000, n: 500, elapsed: 500 * time.Millisecond, want: 0},
		{rate: 1000, n: 500, elapsed: time.Second, want: 0}, // behind its rate: no wait
		{rate: 24 << 20, n: 48 << 20, elapsed: time.Second, want: time.Second},
		{rate: 0, n: 1 << 30, elapsed: 0, want: 0},
		{rate: -1, n: 1 << 30, elapsed: 0, want: 0},
	} {
		p := &pacer{rate: c.rate, n: c.n}
		if got := p.ahead(c.elapsed); got != c.want {
			t.Errorf("rate %d, %d bytes after %v: ahead %v, want %v", c.rate, c.n, c.elapsed, got, c.want)
		}
	}
}

func TestPacerStopsWaitingWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := newPacer(ctx, 1) // one byte a second: a megabyte would wait 12 days
	done := make(chan error, 1)
	go func() { done <- p.add(1 << 20) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("add = %v, want context.Canceled", err)
	}
}

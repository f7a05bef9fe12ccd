package backup

import (
	"context"
	"time"
)

// DefaultRate is how fast a backup streams by default, in bytes a second,
// written and then read back to verify. A store the size of a busy
// centre's (tens of MB) takes a second or two at this rate. Unpaced, a
// million bookings' backup (548 MiB) made the kiosk's commits 1.9 times
// slower on average on a two-core PC; at this rate 1.2 times, the backup
// taking 56 s instead of 39 s (BenchmarkBackup1M).
const DefaultRate = 24 << 20

// pacer holds a stream to a rate: after each chunk it sleeps for as long
// as the stream is ahead of rate bytes a second since it began. A rate of
// 0 or less does not pace.
type pacer struct {
	ctx   context.Context
	rate  int64
	start time.Time
	n     int64
}

func newPacer(ctx context.Context, rate int64) *pacer {
	return &pacer{ctx: ctx, rate: rate, start: time.Now()}
}

// add counts n more bytes and waits until the stream is back at its rate,
// or ctx is done.
func (p *pacer) add(n int) error {
	if err := p.ctx.Err(); err != nil {
		return err
	}
	p.n += int64(n)
	if ahead := p.ahead(time.Since(p.start)); ahead > time.Millisecond {
		t := time.NewTimer(ahead)
		defer t.Stop()
		select {
		case <-t.C:
		case <-p.ctx.Done():
			return p.ctx.Err()
		}
	}
	return nil
}

// ahead is how far the stream is ahead of its rate, elapsed after it began.
func (p *pacer) ahead(elapsed time.Duration) time.Duration {
	if p.rate <= 0 {
		return 0
	}
	due := time.Duration(float64(p.n) / float64(p.rate) * float64(time.Second))
	return max(due-elapsed, 0)
}

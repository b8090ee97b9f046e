package longrun

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// pollGap is how often observe looks at the pass count.
const pollGap = 5 * time.Millisecond

// observe watches p while something else counts its passes in count: it
// takes the start sample once a warmupShare of the passes has gone by and
// the Go runtime has collected at least once (or once a warmupShare of
// limit has gone by), and the end sample when count reaches passes or
// limit has run out, whichever comes first. failed, when it reports an
// error, ends the run early (the driver of the passes saw something
// wrong); that error is returned. The figures of gctrace are left for
// the caller to fill in (process.heap), once p has ended.
func observe(p *process, count *atomic.Int64, limit time.Duration, failed func() error) (figures, error) {
	var f figures
	began := time.Now()
	started := false
	for {
		time.Sleep(pollGap)
		if err := failed(); err != nil {
			return f, err
		}
		n := count.Load()
		gcs, _, _ := p.stderr.heap()
		warm := n >= passes/warmupShare && gcs >= warmupGCs
		if !started && (warm || time.Since(began) >= limit/warmupShare) {
			var err error
			if f.start, err = sample(p.pid()); err != nil {
				return f, fmt.Errorf("ended early (%d passes): %w", n, err)
			}
			f.startPasses, f.startGCs, started = n, gcs, true
		}
		if n >= passes || time.Since(began) >= limit {
			f.passes, f.elapsed = n, time.Since(began)
			break
		}
	}
	var err error
	if f.end, err = sample(p.pid()); err != nil {
		return f, fmt.Errorf("ended early (%d passes): %w", f.passes, err)
	}
	return f, nil
}

// driverError keeps the first error of the goroutine that drives the
// passes.
type driverError struct {
	mu  sync.Mutex
	err error
}

// set keeps err if it is the first.
func (d *driverError) set(err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err == nil {
		d.err = err
	}
}

// get returns the first error, or nil.
func (d *driverError) get() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

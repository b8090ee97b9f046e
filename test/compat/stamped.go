package compat

import (
	"bytes"
	"sort"
	"sync"
	"time"
)

// stampedBuffer is a side's stdout, with the time each piece arrived.
type stampedBuffer struct {
	mu    sync.Mutex
	start time.Time
	buf   bytes.Buffer
	ends  []int           // length of buf after each write
	times []time.Duration // when each write came, since start
}

// Write appends p and notes when it came.
func (b *stampedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Write(p)
	b.ends = append(b.ends, b.buf.Len())
	b.times = append(b.times, time.Since(b.start))
	return len(p), nil
}

// Bytes returns a copy of what has arrived so far.
func (b *stampedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

// arrival returns when the byte at offset off arrived, since the start.
func (b *stampedBuffer) arrival(off int) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	i := sort.SearchInts(b.ends, off+1)
	if i == len(b.ends) {
		return -1
	}
	return b.times[i]
}

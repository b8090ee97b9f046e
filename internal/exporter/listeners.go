package exporter

import (
	"cmp"
	"slices"

	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/prometheus/client_golang/prometheus"
)

// listener is one listening address of one program: the sockets bound
// to the same address with SO_REUSEPORT are summed.
type listener struct {
	local, program string
	queue, backlog uint64
}

// fill orders listeners by how full their accept queue is, fullest first.
func (l *listener) fill() float64 {
	if l.backlog == 0 {
		return float64(l.queue)
	}
	return float64(l.queue) / float64(l.backlog)
}

// listeners returns the TCP listeners of socks, the fullest accept
// queues first (then the longest, then by address), at most limit.
func listeners(h *snapshot.Host, limit int) []listener {
	socks, ix := h.Sockets, h.Owners
	type key struct{ local, program string }
	at := make(map[key]int)
	var ls []listener
	for i := range socks {
		s := &socks[i]
		if s.Protocol != sockets.TCP || s.State != sockets.Listen {
			continue
		}
		k := key{s.Local.String(), ownerName(ix, s.Inode)}
		j, ok := at[k]
		if !ok {
			j = len(ls)
			at[k] = j
			ls = append(ls, listener{local: k.local, program: k.program})
		}
		ls[j].queue += s.RecvQ
		if b, ok := h.ListenBacklog(s); ok {
			ls[j].backlog += b
		}
	}
	slices.SortFunc(ls, func(a, b listener) int {
		if c := cmp.Compare(b.fill(), a.fill()); c != 0 {
			return c
		}
		if c := cmp.Compare(b.queue, a.queue); c != 0 {
			return c
		}
		if c := cmp.Compare(a.local, b.local); c != 0 {
			return c
		}
		return cmp.Compare(a.program, b.program)
	})
	return ls[:min(len(ls), max(limit, 0))]
}

// listenQueues emits the accept queue and backlog of the top listeners.
// The backlog is left out when the sample does not know it (see
// snapshot.Host.ListenBacklog).
func (b *batch) listenQueues(h *snapshot.Host, limit int) {
	for _, l := range listeners(h, limit) {
		b.add(b.descs.listenQueue, prometheus.GaugeValue, float64(l.queue), l.local, l.program)
		if l.backlog > 0 {
			b.add(b.descs.listenBacklog, prometheus.GaugeValue, float64(l.backlog), l.local, l.program)
		}
	}
}

package exporter

import (
	"cmp"
	"slices"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/prometheus/client_golang/prometheus"
)

// Program label values that are not program names.
const (
	// otherPrograms sums the programs beyond the top K.
	otherPrograms = "other"
	// unknownProgram holds sockets no process is known to hold (closed
	// by their program, owned by a process /proc does not let us read,
	// or owners not read at all).
	unknownProgram = "unknown"
)

// programStates are the TCP states counted per program: established
// connections, and CLOSE_WAIT ones whose program has not closed them.
var programStates = []uint8{sockets.Established, sockets.CloseWait}

// programCount is one program's number of sockets in a state.
type programCount struct {
	program string
	count   int
}

// topPrograms returns the k programs with the most sockets, most first
// (ties by name), and the sum of the rest. The unknown bucket is never
// ranked: the caller shows it apart. A program really named "other" is
// counted in the rest, so that no two series share a label set.
func topPrograms(counts map[string]int, k int) (top []programCount, rest int) {
	all := make([]programCount, 0, len(counts))
	for p, n := range counts {
		switch p {
		case unknownProgram:
		case otherPrograms:
			rest += n
		default:
			all = append(all, programCount{p, n})
		}
	}
	slices.SortFunc(all, func(a, b programCount) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		return cmp.Compare(a.program, b.program)
	})
	if k < 1 {
		k = 1
	}
	if len(all) <= k {
		return all, rest
	}
	for _, pc := range all[k:] {
		rest += pc.count
	}
	return all[:k], rest
}

// programSockets emits netstat_program_tcp_sockets: for each counted
// state, the top k programs, "other" and "unknown" (both always, zero or
// not), so a host with any number of programs has at most k+2 series per
// state.
func (b *batch) programSockets(socks []sockets.Socket, ix *owners.Index, k int) {
	for _, st := range programStates {
		counts := make(map[string]int)
		for i := range socks {
			s := &socks[i]
			if s.Protocol == sockets.TCP && s.State == st {
				counts[ownerName(ix, s.Inode)]++
			}
		}
		top, rest := topPrograms(counts, k)
		state := stateName(st)
		for _, pc := range top {
			b.add(b.descs.programSockets, prometheus.GaugeValue, float64(pc.count), pc.program, state)
		}
		b.add(b.descs.programSockets, prometheus.GaugeValue, float64(rest), otherPrograms, state)
		b.add(b.descs.programSockets, prometheus.GaugeValue, float64(counts[unknownProgram]), unknownProgram, state)
	}
}

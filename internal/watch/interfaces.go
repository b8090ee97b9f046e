package watch

import "github.com/gonetstat/netstat/internal/links"

// The interface counters the watch shows, in their column order.
const (
	RxPackets = iota
	RxBytes
	RxErrors
	RxDrops
	TxPackets
	TxBytes
	TxErrors
	TxDrops
	trafficColumns
)

// Traffic holds an interface's counters, or their changes, indexed by
// RxPackets ... TxDrops.
type Traffic [trafficColumns]uint64

// TrafficNames are the column names, after netstat -i's.
var TrafficNames = [trafficColumns]string{
	"RX-OK", "RX-BYTES", "RX-ERR", "RX-DRP", "TX-OK", "TX-BYTES", "TX-ERR", "TX-DRP",
}

// Interface is one interface's counter totals.
type Interface struct {
	Name   string
	Counts Traffic
}

// TrafficOf picks the watched counters out of /proc/net/dev's.
func TrafficOf(s links.Stats) Traffic {
	return Traffic{
		RxPackets: s.RxPackets, RxBytes: s.RxBytes, RxErrors: s.RxErrors, RxDrops: s.RxDropped,
		TxPackets: s.TxPackets, TxBytes: s.TxBytes, TxErrors: s.TxErrors, TxDrops: s.TxDropped,
	}
}

// InterfaceRate is an interface's traffic between two readings.
type InterfaceRate struct {
	Name    string
	Delta   Traffic
	Seconds float64
	// Appeared is set for an interface the previous reading did not have
	// (its Delta counts from zero).
	Appeared bool
}

// Rate returns column c per second.
func (r *InterfaceRate) Rate(c int) float64 { return perSecond(r.Delta[c], r.Seconds) }

// Moved reports whether any counter changed.
func (r *InterfaceRate) Moved() bool { return r.Delta != Traffic{} }

// Rates returns the traffic of every interface of cur since prev, over
// seconds, in the order of cur. A counter that went down (the interface
// was made again, or a 32-bit counter wrapped) counts from zero.
func Rates(prev, cur []Interface, seconds float64) []InterfaceRate {
	before := make(map[string]*Traffic, len(prev))
	for i := range prev {
		before[prev[i].Name] = &prev[i].Counts
	}
	out := make([]InterfaceRate, 0, len(cur))
	for _, ifc := range cur {
		r := InterfaceRate{Name: ifc.Name, Seconds: seconds, Delta: ifc.Counts}
		if old, ok := before[ifc.Name]; ok {
			for c := range r.Delta {
				if ifc.Counts[c] >= old[c] {
					r.Delta[c] = ifc.Counts[c] - old[c]
				}
			}
		} else {
			r.Appeared = true
		}
		out = append(out, r)
	}
	return out
}

package watch

import "github.com/gonetstat/netstat/internal/counters"

// Counter is one kernel statistics counter under its nstat name: the
// section prefixed to the kernel's key (TcpActiveOpens, TcpExtListenDrops),
// or the key alone where it already carries it (Ip6InReceives,
// SctpCurrEstab).
type Counter struct {
	Name  string
	Value uint64
}

// Qualified appends the counters of header/value sections (/proc/net/snmp,
// /proc/net/netstat) to list, each named section+key.
func Qualified(list []Counter, secs []counters.Section) []Counter {
	for _, sec := range secs {
		for _, c := range sec.Counters {
			list = append(list, Counter{Name: sec.Name + c.Name, Value: c.Value})
		}
	}
	return list
}

// Plain appends counters whose keys are already full names
// (/proc/net/snmp6 and /proc/net/sctp/snmp) to list.
func Plain(list []Counter, secs []counters.Section, more []counters.Counter) []Counter {
	for _, sec := range secs {
		for _, c := range sec.Counters {
			list = append(list, Counter{Name: c.Name, Value: c.Value})
		}
	}
	for _, c := range more {
		list = append(list, Counter{Name: c.Name, Value: c.Value})
	}
	return list
}

// CounterDelta is a counter that moved between two readings.
type CounterDelta struct {
	Name  string
	Value uint64 // the value now
	// Delta is the change, signed: gauges such as TcpCurrEstab go down,
	// and the kernel writes some negative values as large numbers.
	Delta   int64
	Seconds float64 // time between the readings
}

// Rate is the change per second.
func (d CounterDelta) Rate() float64 { return perSecond(d.Delta, d.Seconds) }

// Deltas returns the counters of cur whose value differs from prev, in
// the order of cur, over seconds. A counter new in cur counts from zero.
func Deltas(prev, cur []Counter, seconds float64) []CounterDelta {
	before := make(map[string]uint64, len(prev))
	for _, c := range prev {
		before[c.Name] = c.Value
	}
	var out []CounterDelta
	for _, c := range cur {
		if c.Value == before[c.Name] {
			continue
		}
		out = append(out, CounterDelta{
			Name:    c.Name,
			Value:   c.Value,
			Delta:   int64(c.Value - before[c.Name]),
			Seconds: seconds,
		})
	}
	return out
}

// perSecond divides delta by seconds (zero when no time passed).
func perSecond[T int64 | uint64](delta T, seconds float64) float64 {
	if seconds <= 0 {
		return 0
	}
	return float64(delta) / seconds
}

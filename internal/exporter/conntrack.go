package exporter

import (
	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/prometheus/client_golang/prometheus"
)

// conntrack emits the connection tracking usage, when the namespace has
// connection tracking at all.
func (b *batch) conntrack(ct snapshot.Conntrack) {
	if !ct.Available {
		return
	}
	d := b.descs
	b.add(d.conntrackEntries, prometheus.GaugeValue, float64(ct.Count))
	b.add(d.conntrackLimit, prometheus.GaugeValue, float64(ct.Max))
	b.add(d.conntrackDrops, prometheus.CounterValue, float64(ct.Drops))
	b.add(d.conntrackEarly, prometheus.CounterValue, float64(ct.EarlyDrops))
	b.add(d.conntrackInsert, prometheus.CounterValue, float64(ct.InsertFailed))
}

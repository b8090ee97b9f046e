package exporter

import (
	"github.com/gonetstat/netstat/internal/counters"
	"github.com/prometheus/client_golang/prometheus"
)

// levels are the entries of the counter files that are not counts but
// settings or current levels: they are gauges, read as signed numbers
// (Tcp MaxConn is -1).
var levels = map[string]map[string]bool{
	"Ip":  {"Forwarding": true, "DefaultTTL": true},
	"Tcp": {"RtoAlgorithm": true, "RtoMin": true, "RtoMax": true, "MaxConn": true, "CurrEstab": true},
}

// protocolCounters emits every counter of every section, under its
// kernel section and name. One metric name with two labels keeps the
// kernel's spelling (which Prometheus naming rules would turn to snake
// case in a metric name) and costs the same number of series as one
// metric per counter.
func (b *batch) protocolCounters(sections []counters.Section) {
	seen := make(map[[2]string]bool)
	for _, sec := range sections {
		for _, c := range sec.Counters {
			k := [2]string{sec.Name, c.Name}
			if seen[k] {
				continue // a repeated name would make a duplicate series
			}
			seen[k] = true
			if levels[sec.Name][c.Name] {
				b.add(b.descs.counterValue, prometheus.GaugeValue, float64(c.Signed()), sec.Name, c.Name)
				continue
			}
			b.add(b.descs.counter, prometheus.CounterValue, float64(c.Value), sec.Name, c.Name)
		}
	}
}

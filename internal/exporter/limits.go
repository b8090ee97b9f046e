package exporter

import (
	"cmp"
	"slices"

	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/prometheus/client_golang/prometheus"
)

// sysctls emits the kernel settings that were read (-1 means not read).
func (b *batch) sysctls(s snapshot.Sysctls) {
	for _, kv := range []struct {
		name  string
		value int64
	}{
		{"net.core.somaxconn", s.SoMaxConn},
		{"net.ipv4.ip_local_port_range.high", s.LocalPortHigh},
		{"net.ipv4.ip_local_port_range.low", s.LocalPortLow},
		{"net.ipv4.tcp_max_orphans", s.TCPMaxOrphans},
		{"net.ipv4.tcp_max_tw_buckets", s.TCPMaxTWBuckets},
		{"net.ipv4.tcp_syncookies", s.TCPSynCookies},
	} {
		if kv.value >= 0 {
			b.add(b.descs.sysctl, prometheus.GaugeValue, float64(kv.value), kv.name)
		}
	}
}

// sockstat emits /proc/net/sockstat, sorted by protocol and field.
func (b *batch) sockstat(st map[string]map[string]int64) {
	type entry struct {
		protocol, field string
		value           int64
	}
	var all []entry
	for p, fields := range st {
		for f, v := range fields {
			all = append(all, entry{p, f, v})
		}
	}
	slices.SortFunc(all, func(a, b entry) int {
		if c := cmp.Compare(a.protocol, b.protocol); c != 0 {
			return c
		}
		return cmp.Compare(a.field, b.field)
	})
	for _, e := range all {
		b.add(b.descs.sockstat, prometheus.GaugeValue, float64(e.value), e.protocol, e.field)
	}
}

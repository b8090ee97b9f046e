package exporter

import (
	"errors"
	"net/netip"
	"sync"
	"testing"

	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/links"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// fakeSampler hands out prepared samples, one per call (the last one
// repeats), and counts the calls.
type fakeSampler struct {
	mu    sync.Mutex
	hosts []*snapshot.Host
	err   error
	calls int
	wants []snapshot.Want
	// gate, when set, is received from before each sample returns.
	gate    chan struct{}
	started chan struct{}
}

func (f *fakeSampler) Sample(want snapshot.Want) (*snapshot.Host, error) {
	if f.started != nil {
		f.started <- struct{}{}
	}
	if f.gate != nil {
		<-f.gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.wants = append(f.wants, want)
	h := f.hosts[min(f.calls, len(f.hosts)-1)]
	f.calls++
	return h, f.err
}

// sock makes a TCP socket record.
func sock(local, remote string, state uint8, inode uint64) sockets.Socket {
	return sockets.Socket{
		Protocol: sockets.TCP,
		Local:    netip.MustParseAddrPort(local),
		Remote:   netip.MustParseAddrPort(remote),
		State:    state,
		Inode:    inode,
	}
}

// sampleHost is a small namespace: nginx with three established
// connections and a listener on two SO_REUSEPORT sockets, curl with two
// established connections, a leaking "app" with CLOSE_WAIT sockets, one
// unowned CLOSE_WAIT, UDP sockets, counters and an interface.
func sampleHost() *snapshot.Host {
	ix := owners.NewIndex()
	own := func(prog string, inodes ...uint64) {
		for _, i := range inodes {
			ix.Add(i, owners.Owner{PID: int(i), Program: prog})
		}
	}
	own("nginx", 1, 2, 3, 10, 11)
	own("curl", 4, 5)
	own("app", 6, 7, 8)
	own("bad\xffname", 12)
	lst1 := sock("0.0.0.0:80", "0.0.0.0:0", sockets.Listen, 10)
	lst1.RecvQ, lst1.SendQ = 3, 128
	lst2 := sock("0.0.0.0:80", "0.0.0.0:0", sockets.Listen, 11)
	lst2.RecvQ, lst2.SendQ = 1, 128
	lst3 := sock("[::1]:8080", "[::]:0", sockets.Listen, 12)
	lst3.IPv6Table = true
	lst3.RecvQ, lst3.SendQ = 4, 4
	socks := []sockets.Socket{
		lst1, lst2, lst3,
		sock("10.0.0.1:80", "10.0.0.2:5000", sockets.Established, 1),
		sock("10.0.0.1:80", "10.0.0.2:5001", sockets.Established, 2),
		sock("10.0.0.1:80", "10.0.0.2:5002", sockets.Established, 3),
		sock("10.0.0.1:6000", "10.0.0.9:443", sockets.Established, 4),
		sock("10.0.0.1:6001", "10.0.0.9:443", sockets.Established, 5),
		sock("10.0.0.1:7000", "10.0.0.7:9000", sockets.CloseWait, 6),
		sock("10.0.0.1:7001", "10.0.0.7:9000", sockets.CloseWait, 7),
		sock("10.0.0.1:7002", "10.0.0.7:9000", sockets.CloseWait, 8),
		sock("10.0.0.1:7003", "10.0.0.7:9000", sockets.CloseWait, 99),
		sock("10.0.0.1:7004", "10.0.0.7:9000", sockets.TimeWait, 0),
		{Protocol: sockets.UDP, Local: netip.MustParseAddrPort("0.0.0.0:53"), State: sockets.Close},
		{Protocol: sockets.UDP, IPv6Table: true, Local: netip.MustParseAddrPort("[::]:53"), State: sockets.Close},
	}
	return &snapshot.Host{
		Sockets: socks,
		Owners:  ix,
		Counters: []counters.Section{
			{Name: "Tcp", Counters: []counters.Counter{
				{Name: "MaxConn", Value: ^uint64(0)}, {Name: "ActiveOpens", Value: 17}, {Name: "CurrEstab", Value: 5},
			}},
			{Name: "TcpExt", Counters: []counters.Counter{{Name: "ListenDrops", Value: 4}}},
		},
		Interfaces: []links.Device{{Name: "lo", Stats: links.Stats{RxBytes: 1000, TxPackets: 12}}},
		Conntrack:  snapshot.Conntrack{Available: true, Count: 10, Max: 65536, Drops: 2},
		Sysctls:    snapshot.Sysctls{TCPMaxTWBuckets: 4096, TCPMaxOrphans: -1, TCPSynCookies: 1, SoMaxConn: 4096, LocalPortLow: 32768, LocalPortHigh: 60999},
		Sockstat:   map[string]map[string]int64{"TCP": {"inuse": 9, "orphan": 0, "tw": 1}},
	}
}

// single returns a Config over one namespace read by s.
func single(s snapshot.Sampler) Config {
	return Config{
		Namespaces:   func() ([]Namespace, error) { return []Namespace{{Name: "", Sampler: s}}, nil },
		Programs:     true,
		TopPrograms:  5,
		TopListeners: 10,
	}
}

// gather collects c once through a pedantic registry, which also checks
// the metrics against Describe.
func gather(t *testing.T, c prometheus.Collector) []*dto.MetricFamily {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	if err := reg.Register(c); err != nil {
		t.Fatal(err)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	return mfs
}

// value returns the value of the series of family name whose labels
// include want, and whether there is exactly one.
func value(mfs []*dto.MetricFamily, name string, want map[string]string) (float64, bool) {
	var found []float64
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metrics:
		for _, m := range mf.GetMetric() {
			have := map[string]string{}
			for _, lp := range m.GetLabel() {
				have[lp.GetName()] = lp.GetValue()
			}
			for k, v := range want {
				if have[k] != v {
					continue metrics
				}
			}
			switch {
			case m.Gauge != nil:
				found = append(found, m.GetGauge().GetValue())
			case m.Counter != nil:
				found = append(found, m.GetCounter().GetValue())
			}
		}
	}
	if len(found) != 1 {
		return 0, false
	}
	return found[0], true
}

// series counts the series of family name.
func series(mfs []*dto.MetricFamily, name string) int {
	for _, mf := range mfs {
		if mf.GetName() == name {
			return len(mf.GetMetric())
		}
	}
	return 0
}

var errPartial = errors.New("conntrack: permission denied")

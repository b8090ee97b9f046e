package exporter

import (
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/snapshot"
)

func TestSampleMetrics(t *testing.T) {
	f := &fakeSampler{hosts: []*snapshot.Host{sampleHost()}}
	mfs := gather(t, New(single(f)))
	for _, tc := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"netstat_sockets", map[string]string{"protocol": "tcp", "family": "ipv4", "state": "ESTABLISHED"}, 5},
		{"netstat_sockets", map[string]string{"protocol": "tcp", "family": "ipv4", "state": "CLOSE_WAIT"}, 4},
		{"netstat_sockets", map[string]string{"protocol": "tcp", "family": "ipv4", "state": "LISTEN"}, 2},
		{"netstat_sockets", map[string]string{"protocol": "tcp", "family": "ipv6", "state": "LISTEN"}, 1},
		{"netstat_sockets", map[string]string{"protocol": "tcp", "family": "ipv6", "state": "SYN_RECV"}, 0},
		{"netstat_sockets", map[string]string{"protocol": "udp", "family": "ipv6", "state": "CLOSE"}, 1},
		{"netstat_tcp_listen_queue_length", map[string]string{"local": "0.0.0.0:80", "program": "nginx"}, 4},
		{"netstat_tcp_listen_backlog", map[string]string{"local": "0.0.0.0:80", "program": "nginx"}, 256},
		{"netstat_tcp_listen_queue_length", map[string]string{"local": "[::1]:8080", "program": "bad\uFFFDname"}, 4},
		{"netstat_program_tcp_sockets", map[string]string{"program": "nginx", "state": "ESTABLISHED"}, 3},
		{"netstat_program_tcp_sockets", map[string]string{"program": "curl", "state": "ESTABLISHED"}, 2},
		{"netstat_program_tcp_sockets", map[string]string{"program": "app", "state": "CLOSE_WAIT"}, 3},
		{"netstat_program_tcp_sockets", map[string]string{"program": "unknown", "state": "CLOSE_WAIT"}, 1},
		{"netstat_program_tcp_sockets", map[string]string{"program": "other", "state": "CLOSE_WAIT"}, 0},
		{"netstat_protocol_events_total", map[string]string{"section": "Tcp", "name": "ActiveOpens"}, 17},
		{"netstat_protocol_events_total", map[string]string{"section": "TcpExt", "name": "ListenDrops"}, 4},
		{"netstat_protocol_value", map[string]string{"section": "Tcp", "name": "MaxConn"}, -1},
		{"netstat_protocol_value", map[string]string{"section": "Tcp", "name": "CurrEstab"}, 5},
		{"netstat_interface_receive_bytes_total", map[string]string{"device": "lo"}, 1000},
		{"netstat_interface_transmit_packets_total", map[string]string{"device": "lo"}, 12},
		{"netstat_conntrack_entries", nil, 10},
		{"netstat_conntrack_entries_limit", nil, 65536},
		{"netstat_conntrack_drops_total", nil, 2},
		{"netstat_sysctl", map[string]string{"name": "net.ipv4.tcp_max_tw_buckets"}, 4096},
		{"netstat_sockstat", map[string]string{"protocol": "TCP", "field": "tw"}, 1},
		{"netstat_sample_success", nil, 1},
		{"netstat_scrape_errors_total", nil, 0},
	} {
		got, ok := value(mfs, tc.name, tc.labels)
		if !ok || got != tc.want {
			t.Errorf("%s%v = %v (found %v), want %v", tc.name, tc.labels, got, ok, tc.want)
		}
	}
	if n := series(mfs, "netstat_protocol_events_total"); n != 2 {
		t.Errorf("%d protocol counters, want 2 (the levels are gauges)", n)
	}
	if _, ok := value(mfs, "netstat_sysctl", map[string]string{"name": "net.ipv4.tcp_max_orphans"}); ok {
		t.Error("a sysctl that was not read (-1) is exported")
	}
	if n := series(mfs, "netstat_check_severity"); n != 0 {
		t.Errorf("%d check series without a CheckFunc", n)
	}
	if got := f.wants[0]; got != (snapshot.Want{Sockets: true, Owners: true, Counters: true, Interfaces: true, Conntrack: true, Sysctls: true}) {
		t.Errorf("asked the sampler for %+v", got)
	}
}

func TestTopProgramsBounded(t *testing.T) {
	f := &fakeSampler{hosts: []*snapshot.Host{sampleHost()}}
	cfg := single(f)
	cfg.TopPrograms = 1
	cfg.TopListeners = 1
	mfs := gather(t, New(cfg))
	est := map[string]string{"state": "ESTABLISHED"}
	for prog, want := range map[string]float64{"nginx": 3, "other": 2, "unknown": 0} {
		l := maps.Clone(est)
		l["program"] = prog
		if got, ok := value(mfs, "netstat_program_tcp_sockets", l); !ok || got != want {
			t.Errorf("%s ESTABLISHED = %v (%v), want %v", prog, got, ok, want)
		}
	}
	if _, ok := value(mfs, "netstat_program_tcp_sockets", map[string]string{"program": "curl"}); ok {
		t.Error("curl is shown by name beyond the top 1")
	}
	if n := series(mfs, "netstat_program_tcp_sockets"); n != 2*3 {
		t.Errorf("%d program series, want 6 (top 1, other, unknown for 2 states)", n)
	}
	// The fullest listener: [::1]:8080 holds 4 of 4.
	if n := series(mfs, "netstat_tcp_listen_queue_length"); n != 1 {
		t.Errorf("%d listeners shown, want 1", n)
	}
	if _, ok := value(mfs, "netstat_tcp_listen_queue_length", map[string]string{"local": "[::1]:8080"}); !ok {
		t.Error("the full listener is not the one shown")
	}
}

func TestTopProgramsOrder(t *testing.T) {
	top, rest := topPrograms(map[string]int{"a": 1, "b": 5, "c": 5, "d": 2, "other": 7, "unknown": 9}, 2)
	if len(top) != 2 || top[0] != (programCount{"b", 5}) || top[1] != (programCount{"c", 5}) || rest != 1+2+7 {
		t.Errorf("top = %v, rest %d", top, rest)
	}
}

func TestWithoutOwners(t *testing.T) {
	h := sampleHost()
	h.Owners = nil
	cfg := single(&fakeSampler{hosts: []*snapshot.Host{h}})
	cfg.Programs = false
	mfs := gather(t, New(cfg))
	if got, ok := value(mfs, "netstat_program_tcp_sockets", map[string]string{"program": "unknown", "state": "ESTABLISHED"}); !ok || got != 5 {
		t.Errorf("unknown ESTABLISHED = %v (%v), want 5", got, ok)
	}
}

func TestChecksKeepPreviousSample(t *testing.T) {
	first, second := sampleHost(), sampleHost()
	second.Counters[1].Counters[0].Value = 40
	f := &fakeSampler{hosts: []*snapshot.Host{first, second}}
	var befores []uint64
	cfg := single(f)
	cfg.CheckNames = []string{"listen-overflow", "time-wait", "conntrack"}
	cfg.Checks = func(before, after *snapshot.Host) []Verdict {
		v, _ := before.Counter("TcpExt", "ListenDrops")
		befores = append(befores, v)
		if before.Sockets != nil && before != after {
			t.Error("the kept sample still holds its sockets")
		}
		return []Verdict{{"listen-overflow", 1}, {"listen-overflow", 2}, {"conntrack", 0}, {"new-check", 1}}
	}
	c := New(cfg)
	gather(t, c)
	mfs := gather(t, c)
	if len(befores) != 2 || befores[0] != 4 || befores[1] != 4 {
		t.Errorf("before ListenDrops = %v, want [4 4] (first: the same sample; then the previous one)", befores)
	}
	for check, want := range map[string]float64{"listen-overflow": 2, "time-wait": 0, "conntrack": 0, "new-check": 1} {
		if got, ok := value(mfs, "netstat_check_severity", map[string]string{"check": check}); !ok || got != want {
			t.Errorf("check %s = %v (%v), want %v", check, got, ok, want)
		}
	}
}

func TestPartialSample(t *testing.T) {
	f := &fakeSampler{hosts: []*snapshot.Host{sampleHost()}, err: errPartial}
	c := New(single(f))
	gather(t, c)
	mfs := gather(t, c)
	if got, _ := value(mfs, "netstat_sample_success", nil); got != 0 {
		t.Errorf("sample_success = %v, want 0", got)
	}
	if got, _ := value(mfs, "netstat_scrape_errors_total", nil); got != 2 {
		t.Errorf("scrape_errors_total = %v, want 2", got)
	}
	if got, ok := value(mfs, "netstat_sockets", map[string]string{"protocol": "tcp", "family": "ipv4", "state": "ESTABLISHED"}); !ok || got != 5 {
		t.Errorf("what was read is not exported: %v %v", got, ok)
	}
}

func TestNamespaces(t *testing.T) {
	other := sampleHost()
	other.Sockets = other.Sockets[:1]
	cfg := single(nil)
	cfg.ByNamespace = true
	cfg.Namespaces = func() ([]Namespace, error) {
		return []Namespace{
			{Name: "blue", Sampler: &fakeSampler{hosts: []*snapshot.Host{sampleHost()}}},
			{Name: "red", Sampler: &fakeSampler{hosts: []*snapshot.Host{other}}},
		}, nil
	}
	mfs := gather(t, New(cfg))
	for ns, want := range map[string]float64{"blue": 2, "red": 1} {
		l := map[string]string{"protocol": "tcp", "family": "ipv4", "state": "LISTEN", "netns": ns}
		if got, ok := value(mfs, "netstat_sockets", l); !ok || got != want {
			t.Errorf("netns %s LISTEN = %v (%v), want %v", ns, got, ok, want)
		}
	}
}

func TestConcurrentScrapesShareOneSample(t *testing.T) {
	const scrapers = 8
	f := &fakeSampler{
		hosts:   []*snapshot.Host{sampleHost()},
		gate:    make(chan struct{}),
		started: make(chan struct{}, scrapers),
	}
	c := New(single(f))
	var wg sync.WaitGroup
	results := make([]int, scrapers)
	for i := range scrapers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = series(gather(t, c), "netstat_sockets")
		}()
	}
	<-f.started
	deadline := time.Now().Add(10 * time.Second)
	for c.coalesced.Load() < scrapers-1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	close(f.gate)
	wg.Wait()
	if f.calls != 1 {
		t.Errorf("%d samples for %d overlapping scrapes, want 1", f.calls, scrapers)
	}
	for i, n := range results {
		if n == 0 || n != results[0] {
			t.Errorf("scrape %d saw %d socket series, scrape 0 saw %d", i, n, results[0])
		}
	}
	// A later scrape takes a new sample.
	f.gate = nil
	f.started = nil
	mfs := gather(t, c)
	if f.calls != 2 {
		t.Errorf("%d samples after a later scrape, want 2", f.calls)
	}
	if got, _ := value(mfs, "netstat_scrapes_coalesced_total", nil); got != scrapers-1 {
		t.Errorf("scrapes_coalesced_total = %v, want %d", got, scrapers-1)
	}
}
